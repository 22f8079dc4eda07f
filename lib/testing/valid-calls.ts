// A valid call of every server action and every workspace or user route, each in a fresh workspace of
// its own (calls change things). The access matrix calls them as every role (an allowed role must
// succeed); the bad-input test spoils them field by field.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Role } from "../access/permissions";
import type { Db } from "../db/prisma";
import { getStripe } from "../stripe/stripe-client";
import { createTestApiKey } from "./api-key-fixtures";
import { stripeEvent } from "./stripe-fixtures";
import { createRoleWorkspace, type RoleWorkspace } from "./fixtures";
import { createTestUser } from "./test-db";
import { sealSecrets } from "../integrations/integration-credentials";
import { generateSigningSecret } from "../integrations/senders/webhook-sender";

export interface ValidCall {
  /** The workspace the caller (`ws.actors[role]`) belongs to. */
  ws: RoleWorkspace;
  input: Record<string, unknown>;
  /** Workspaces whose rows a refused call must leave as they were. */
  workspaces: string[];
}

/** A member of a fresh workspace to act on: active (viewer by default) or a pending invitation. */
export async function workspaceWithTarget(
  db: Db,
  status: "active" | "pending" | "inactive" | "removed",
  role: Role = "viewer",
): Promise<{ ws: RoleWorkspace; memberId: string }> {
  const ws = await createRoleWorkspace(db, "valid-call");
  const user = await createTestUser(db, "target");
  const member = await db.teamMember.create({
    data: {
      workspaceId: ws.workspaceId,
      userId: user.id,
      role,
      status: status === "pending" ? "pending" : status === "inactive" ? "inactive" : "active",
      deletedAt: status === "removed" ? new Date() : null,
      invitationTokenHash: status === "pending" ? randomBytes(32).toString("hex") : null,
      invitationExpiresAt: status === "pending" ? new Date(Date.now() + 86_400_000) : null,
    },
  });
  return { ws, memberId: member.id };
}

const onTarget =
  (status: "active" | "pending" | "inactive" | "removed", extra: Record<string, unknown> = {}) =>
  async (db: Db): Promise<ValidCall> => {
    const { ws, memberId } = await workspaceWithTarget(db, status);
    return { ws, input: { workspaceId: ws.workspaceId, memberId, ...extra }, workspaces: [ws.workspaceId] };
  };

const newAddress = () => `new-${randomBytes(6).toString("hex")}@test.example`;

/** A loopback port nothing listens on: test events to it fail fast, and nobody receives them. */
const UNUSED_RECEIVER = "http://127.0.0.1:9/valid-hook";

/** A webhook integration in a fresh workspace, stored as createIntegration stores it. */
export async function workspaceWithIntegration(db: Db): Promise<{ ws: RoleWorkspace; integrationId: string }> {
  const ws = await createRoleWorkspace(db, "valid-call");
  const integrationId = randomUUID();
  await db.integrationConfig.create({
    data: {
      id: integrationId,
      workspaceId: ws.workspaceId,
      integrationType: "webhook",
      name: "Valid hook",
      config: { url: UNUSED_RECEIVER },
      credentialsEncrypted: sealSecrets(
        { signing_secret: generateSigningSecret() },
        { workspaceId: ws.workspaceId, integrationId },
      ),
    },
  });
  await db.integrationRuntime.create({ data: { integrationId, workspaceId: ws.workspaceId } });
  return { ws, integrationId };
}

/** …with one failed delivery of an outbox event (for "Retry now"). */
async function workspaceWithDelivery(db: Db) {
  const { ws, integrationId } = await workspaceWithIntegration(db);
  const event = await db.eventOutbox.create({
    data: { workspaceId: ws.workspaceId, eventType: "alert.triggered", severity: "critical", publishedAt: new Date() },
  });
  const delivery = await db.integrationDelivery.create({
    data: {
      workspaceId: ws.workspaceId,
      integrationId,
      eventId: event.id,
      eventType: "alert.triggered",
      severity: "critical",
      status: "failed",
      attempts: 1,
    },
  });
  return { ws, integrationId, deliveryId: delivery.id };
}

const onIntegration =
  (extra: Record<string, unknown> = {}) =>
  async (db: Db): Promise<ValidCall> => {
    const { ws, integrationId } = await workspaceWithIntegration(db);
    return { ws, input: { workspaceId: ws.workspaceId, integrationId, ...extra }, workspaces: [ws.workspaceId] };
  };

/** By action name (ACTIONS in lib/actions-registry.ts): a valid input for a caller of `role`. */
export const ACTION_SETUPS: Record<string, (db: Db, role: Role) => Promise<ValidCall>> = {
  createWorkspace: async (db) => {
    const ws = await createRoleWorkspace(db, "valid-call");
    return { ws, input: { name: "Matrix workspace" }, workspaces: [ws.workspaceId] };
  },
  inviteMembers: async (db) => {
    const ws = await createRoleWorkspace(db, "valid-call");
    return {
      ws,
      input: { workspaceId: ws.workspaceId, emails: [newAddress()], role: "viewer" },
      workspaces: [ws.workspaceId],
    };
  },
  resendInvitation: onTarget("pending"),
  copyInvitationLink: onTarget("pending"),
  revokeInvitation: onTarget("pending"),
  changeRole: onTarget("active", { role: "member" }),
  deactivateMember: onTarget("active"),
  reactivateMember: onTarget("inactive"),
  removeMember: onTarget("active"),
  restoreMember: onTarget("removed"),
  leaveWorkspace: async (db) => {
    const ws = await createRoleWorkspace(db, "valid-call");
    // A second owner, so that even the owner may leave.
    const extra = await createTestUser(db, "owner2");
    await db.teamMember.create({
      data: { workspaceId: ws.workspaceId, userId: extra.id, role: "owner", status: "active" },
    });
    return { ws, input: { workspaceId: ws.workspaceId }, workspaces: [ws.workspaceId] };
  },
  transferOwnership: onTarget("active"),
  createApiKey: async (db) => {
    const ws = await createRoleWorkspace(db, "valid-call");
    return {
      ws,
      input: { workspaceId: ws.workspaceId, name: "CI deploys", scopes: ["read"] },
      workspaces: [ws.workspaceId],
    };
  },
  revokeApiKey: async (db) => {
    const ws = await createRoleWorkspace(db, "valid-call");
    const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["read"], createdBy: ws.actors.owner.userId });
    return { ws, input: { workspaceId: ws.workspaceId, keyId: key.id }, workspaces: [ws.workspaceId] };
  },
  changePlan: async (db) => {
    const ws = await createRoleWorkspace(db, "valid-call");
    return { ws, input: { workspaceId: ws.workspaceId, plan: "starter" }, workspaces: [ws.workspaceId] };
  },
  previewPlanChange: async (db) => {
    const ws = await createRoleWorkspace(db, "valid-call");
    return { ws, input: { workspaceId: ws.workspaceId, plan: "free" }, workspaces: [ws.workspaceId] };
  },
  openBillingPortal: async (db) => {
    const ws = await createRoleWorkspace(db, "valid-call");
    const customer = await getStripe().customers.create({ email: "portal@valid.example" });
    await db.billingConfig.update({ where: { workspaceId: ws.workspaceId }, data: { stripeCustomerId: customer.id } });
    return { ws, input: { workspaceId: ws.workspaceId }, workspaces: [ws.workspaceId] };
  },
  updateBilling: async (db) => {
    const ws = await createRoleWorkspace(db, "valid-call");
    return {
      ws,
      input: { workspaceId: ws.workspaceId, billingEmail: "billing@valid.example" },
      workspaces: [ws.workspaceId],
    };
  },
  createIntegration: async (db) => {
    const ws = await createRoleWorkspace(db, "valid-call");
    return {
      ws,
      input: { workspaceId: ws.workspaceId, type: "webhook", name: "Valid hook", url: UNUSED_RECEIVER },
      workspaces: [ws.workspaceId],
    };
  },
  updateIntegration: onIntegration({ type: "webhook", name: "Renamed hook" }),
  setIntegrationEnabled: onIntegration({ enabled: false }),
  deleteIntegration: onIntegration(),
  rotateSigningSecret: onIntegration(),
  sendTestEvent: onIntegration(),
  retryDelivery: async (db) => {
    const { ws, integrationId, deliveryId } = await workspaceWithDelivery(db);
    return { ws, input: { workspaceId: ws.workspaceId, integrationId, deliveryId }, workspaces: [ws.workspaceId] };
  },
  replayIntegration: onIntegration({ since: new Date(Date.now() - 3_600_000).toISOString() }),
  acceptInvitation: async (db, role) => {
    // An invitation for the caller to another workspace.
    const ws = await createRoleWorkspace(db, "valid-call");
    const host = await createRoleWorkspace(db, "valid-call-host");
    const token = randomBytes(32).toString("base64url");
    await db.teamMember.create({
      data: {
        workspaceId: host.workspaceId,
        userId: ws.actors[role].userId,
        role: "member",
        status: "pending",
        invitationTokenHash: createHash("sha256").update(token).digest("hex"),
        invitationExpiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    return { ws, input: { token }, workspaces: [ws.workspaceId, host.workspaceId] };
  },
};

export interface ValidRequest {
  ws: RoleWorkspace;
  /** JSON body (methods other than GET). */
  body?: Record<string, unknown>;
  /** Query parameters the route reads, each with a valid value. */
  query?: Record<string, string>;
  /** Path parameters besides the workspace (e.g. `keyId`). */
  params?: Record<string, string>;
  /**
   * Routes only API keys may call (usage, events): a key of this workspace with the scope they need,
   * for tests that must get past the chokepoint; callers by role are refused there.
   */
  bearer?: string;
}

const plain = async (db: Db): Promise<ValidRequest> => ({ ws: await createRoleWorkspace(db, "valid-request") });
const targetBody =
  (status: "active" | "pending", extra: Record<string, unknown>) =>
  async (db: Db): Promise<ValidRequest> => {
    const { ws, memberId } = await workspaceWithTarget(db, status);
    return { ws, body: { memberId, ...extra } };
  };

/** By route file and method: a valid request in a fresh workspace (workspace and user routes). */
export const ROUTE_SETUPS: Record<string, Record<string, (db: Db) => Promise<ValidRequest>>> = {
  "app/api/workspaces/route.ts": {
    GET: plain,
    POST: async (db) => ({ ...(await plain(db)), body: { name: "Valid request" } }),
  },
  "app/api/workspaces/[workspaceId]/team/route.ts": {
    GET: async (db) => ({ ...(await plain(db)), query: { q: "valid", page: "1", limit: "10" } }),
    POST: async (db) => ({ ...(await plain(db)), body: { emails: [newAddress()], role: "viewer" } }),
    PATCH: targetBody("active", { action: "change_role", role: "member" }),
    DELETE: targetBody("active", {}),
  },
  // Stripe's event (the bad-input test spoils it; unsigned, it never gets past the signature check).
  "app/api/webhooks/stripe/route.ts": {
    POST: async (db) => ({
      ...(await plain(db)),
      body: stripeEvent("invoice.paid", { id: "in_valid", object: "invoice" }) as unknown as Record<string, unknown>,
    }),
  },
  "app/api/workspaces/[workspaceId]/billing/route.ts": {
    GET: plain,
    PATCH: async (db) => ({ ...(await plain(db)), body: { billingEmail: "billing@valid.example" } }),
  },
  "app/api/workspaces/[workspaceId]/integrations/route.ts": {
    GET: async (db) => ({ ...(await plain(db)), query: { limit: "10" } }),
    POST: async (db) => ({
      ...(await plain(db)),
      body: { type: "webhook", name: "Valid hook", url: UNUSED_RECEIVER },
    }),
    PATCH: async (db) => {
      const { ws, integrationId } = await workspaceWithIntegration(db);
      return { ws, body: { action: "update", integrationId, type: "webhook", name: "Renamed hook" } };
    },
    DELETE: async (db) => {
      const { ws, integrationId } = await workspaceWithIntegration(db);
      return { ws, body: { integrationId } };
    },
  },
  "app/api/workspaces/[workspaceId]/integrations/[integrationId]/deliveries/route.ts": {
    GET: async (db) => {
      const { ws, integrationId } = await workspaceWithIntegration(db);
      return { ws, params: { integrationId }, query: { limit: "10", status: "failed" } };
    },
  },
  "app/api/workspaces/[workspaceId]/integrations/[integrationId]/deliveries/[deliveryId]/retry/route.ts": {
    POST: async (db) => {
      const { ws, integrationId, deliveryId } = await workspaceWithDelivery(db);
      return { ws, params: { integrationId, deliveryId } };
    },
  },
  "app/api/workspaces/[workspaceId]/integrations/[integrationId]/replay/route.ts": {
    POST: async (db) => {
      const { ws, integrationId } = await workspaceWithIntegration(db);
      return { ws, params: { integrationId }, body: { since: new Date(Date.now() - 3_600_000).toISOString() } };
    },
  },
  "app/api/workspaces/[workspaceId]/api-keys/route.ts": {
    GET: async (db) => ({ ...(await plain(db)), query: { limit: "10" } }),
    POST: async (db) => ({ ...(await plain(db)), body: { name: "CI deploys", scopes: ["read"] } }),
  },
  "app/api/workspaces/[workspaceId]/api-keys/[keyId]/route.ts": {
    DELETE: async (db) => {
      const ws = await createRoleWorkspace(db, "valid-request");
      const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["read"], createdBy: ws.actors.owner.userId });
      return { ws, params: { keyId: key.id } };
    },
  },
  "app/api/workspaces/[workspaceId]/usage/route.ts": {
    POST: async (db) => {
      const ws = await createRoleWorkspace(db, "valid-request");
      const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["usage:write"] });
      return { ws, bearer: key.secret, body: { traces: 120, idempotencyKey: `report-${randomUUID()}` } };
    },
  },
  "app/api/workspaces/[workspaceId]/events/route.ts": {
    POST: async (db) => {
      const ws = await createRoleWorkspace(db, "valid-request");
      const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["events:write"] });
      return {
        ws,
        bearer: key.secret,
        body: {
          type: "alert.triggered",
          alertId: "alert-42",
          severity: "critical",
          title: "Error rate above 5%",
          idempotencyKey: `event-${randomUUID()}`,
        },
      };
    },
  },
  "app/api/workspaces/[workspaceId]/audit-log/route.ts": {
    GET: async (db) => ({
      ...(await plain(db)),
      query: {
        actor: "someone@test.example",
        action: "member.removed",
        from: "2026-01-01",
        to: "2026-12-31",
        page: "1",
        limit: "25",
      },
    }),
  },
};
