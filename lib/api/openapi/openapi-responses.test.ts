// Real answers match the document: every documented operation's real route handler is called —
// successes, each documented error status, 207, 412, 409, 429 and Idempotency-Key replays — and each
// answer is parsed with the documented (strict) schema for its status, its documented headers checked.
// The last test fails if the document lists an answer no test here produced. Each test makes its own
// workspace (real PostgreSQL).
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { PERMISSIONS } from "../../access/permissions";
import { hashApiKey } from "../../api-keys/key-format";
import { env } from "../../env";
import { rateLimiter } from "../../rate-limit/rate-limiter";
import { WORKSPACES_PER_USER_PER_DAY } from "../../rate-limit/workspace-creation-limits";
import { expectAnswer, seenAnswers, type OperationCall } from "../../testing/documented-calls";
import { createRoleWorkspace, type RoleWorkspace } from "../../testing/fixtures";
import { signStripePayload } from "../../testing/fake-stripe/sign-event";
import { stripeEvent } from "../../testing/stripe-fixtures";
import { testPrisma } from "../../testing/test-db";
import type { createdApiKeyResponse } from "./api-key-responses";
import { buildOpenApiDocument } from "./build-document";
import type { ErrorStatus } from "./error-schema";
import type { eventAnswerResponse, usageAnswerResponse } from "./ingest-responses";
import { OPERATIONS, splitOperationKey } from "./operations";
import { TEAM_PATCH_ACTIONS } from "./team-requests";
import type { memberListResponse, memberPatchResponse } from "./team-responses";

vi.mock("server-only", () => ({}));

const db = testPrisma();
afterAll(() => db.$disconnect());

const W = "/api/workspaces/{workspaceId}";
const OP = {
  health: "GET /api/health",
  openapi: "GET /api/openapi.json",
  listWorkspaces: "GET /api/workspaces",
  createWorkspace: "POST /api/workspaces",
  listTeam: `GET ${W}/team`,
  invite: `POST ${W}/team`,
  changeMember: `PATCH ${W}/team`,
  removeMember: `DELETE ${W}/team`,
  billing: `GET ${W}/billing`,
  changeBilling: `PATCH ${W}/billing`,
  integrations: `GET ${W}/integrations`,
  addIntegration: `POST ${W}/integrations`,
  changeIntegration: `PATCH ${W}/integrations`,
  removeIntegration: `DELETE ${W}/integrations`,
  deliveries: `GET ${W}/integrations/{integrationId}/deliveries`,
  retryDelivery: `POST ${W}/integrations/{integrationId}/deliveries/{deliveryId}/retry`,
  replay: `POST ${W}/integrations/{integrationId}/replay`,
  audit: `GET ${W}/audit-log`,
  listKeys: `GET ${W}/api-keys`,
  createKey: `POST ${W}/api-keys`,
  revokeKey: `DELETE ${W}/api-keys/{keyId}`,
  usage: `POST ${W}/usage`,
  events: `POST ${W}/events`,
  stripeWebhook: "POST /api/webhooks/stripe",
} as const;

type CreatedKey = z.infer<typeof createdApiKeyResponse>["data"];
type MemberList = z.infer<typeof memberListResponse>["data"];

/** A fresh workspace, and a key of it with `usage:write` and `events:write` only (no `read`). */
interface Setup {
  ws: RoleWorkspace;
  params: Record<string, string>;
  ingestKey: string;
}

async function createKey(ws: RoleWorkspace, scopes: string[], headers: Record<string, string> = {}) {
  const { body, response } = await expectAnswer(OP.createKey, 200, {
    params: { workspaceId: ws.workspaceId },
    token: ws.actors.owner.token,
    body: { name: `Key for ${scopes.join(" ")}`, scopes },
    headers,
  });
  const created = (body as { data: CreatedKey }).data;
  // A first answer always carries the secret (only an Idempotency-Key replay answers null).
  return { ...created, secret: created.secret!, response };
}

async function setup(label: string): Promise<Setup> {
  const ws = await createRoleWorkspace(db, `openapi-${label}`);
  const key = await createKey(ws, ["usage:write", "events:write"]);
  return { ws, params: { workspaceId: ws.workspaceId }, ingestKey: key.secret };
}

/** The path parameters of an operation: this workspace, and a random id for any other. */
const paramsFor = (key: string, s: Setup) =>
  Object.fromEntries(
    [...splitOperationKey(key).path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [
      name!,
      name === "workspaceId" ? s.ws.workspaceId : randomUUID(),
    ]),
  );

/** Someone the operation lets through: the owner, or for key-only operations the ingestion key. */
function permittedCaller(key: string, s: Setup): OperationCall {
  const access = OPERATIONS[key]!.access;
  if (access.kind === "workspace" && PERMISSIONS[access.permission].length === 0) return { bearer: s.ingestKey };
  return { token: s.ws.actors.owner.token };
}

/** Someone the operation refuses with 403: a role without the permission, else a key without the scope. */
function forbiddenCaller(key: string, s: Setup): OperationCall {
  const access = OPERATIONS[key]!.access;
  if (access.kind !== "workspace") throw new Error(`${key} has no 403`);
  const roles = PERMISSIONS[access.permission] as readonly string[];
  if (roles.length === 0) return { token: s.ws.actors.owner.token };
  if (!roles.includes("viewer")) return { token: s.ws.actors.viewer.token };
  return { bearer: s.ingestKey };
}

/** A webhook integration that is turned off, with one failed delivery (retry and replay answer 409). */
async function turnedOffIntegration(s: Setup) {
  const { body } = await expectAnswer(OP.addIntegration, 200, {
    params: s.params,
    token: s.ws.actors.owner.token,
    body: { type: "webhook", name: "Off", url: "http://127.0.0.1:9/off" },
  });
  const integrationId = (body as { data: { integration: { id: string } } }).data.integration.id;
  await db.integrationConfig.update({ where: { id: integrationId }, data: { isEnabled: false } });
  const event = await db.eventOutbox.create({
    data: { workspaceId: s.ws.workspaceId, eventType: "alert.triggered", publishedAt: new Date() },
  });
  const delivery = await db.integrationDelivery.create({
    data: {
      workspaceId: s.ws.workspaceId,
      integrationId,
      eventId: event.id,
      eventType: "alert.triggered",
      status: "held",
    },
  });
  return { integrationId, deliveryId: delivery.id };
}

const withStatus = (status: ErrorStatus) =>
  Object.keys(OPERATIONS).filter((key) => OPERATIONS[key]!.errors[status] !== undefined);

const newAddress = () => `openapi-${randomUUID().slice(0, 8)}@test.example`;

it("the operation names used here are all documented", () => {
  for (const key of Object.values(OP)) expect(OPERATIONS, key).toHaveProperty([key]);
});

describe("successful answers", () => {
  it("GET /api/health", async () => {
    await expectAnswer(OP.health, 200, {});
  });

  it("GET /api/openapi.json serves the document, cacheable for 5 minutes", async () => {
    const { body, response } = await expectAnswer(OP.openapi, 200, {});
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it("GET and POST /api/workspaces, with an Idempotency-Key replay and its reuse for another body (409)", async () => {
    const s = await setup("workspaces");
    const { body } = await expectAnswer(OP.listWorkspaces, 200, { token: s.ws.actors.member.token });
    expect(body).toMatchObject({ data: [{ id: s.ws.workspaceId, role: "member" }] });

    const call = { token: s.ws.actors.member.token, headers: { "Idempotency-Key": randomUUID() } };
    const created = await expectAnswer(OP.createWorkspace, 200, { ...call, body: { name: "Documented" } });
    const replay = await expectAnswer(OP.createWorkspace, 200, { ...call, body: { name: "Documented" } });
    expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
    expect(created.response.headers.has("idempotent-replayed")).toBe(false);
    expect(replay.body).toEqual(created.body);
    await expectAnswer(OP.createWorkspace, 409, { ...call, body: { name: "Another one" } });
  });

  /** A workspace with four members, a pending invitation and a removed member; its first page of two. */
  async function teamFirstPage(label: string) {
    const s = await setup(label);
    const owner = { params: s.params, token: s.ws.actors.owner.token };
    await expectAnswer(OP.invite, 200, { ...owner, body: { emails: [newAddress()], role: "viewer" } });
    await expectAnswer(OP.removeMember, 200, { ...owner, body: { memberId: s.ws.actors.viewer.memberId } });
    const { body } = await expectAnswer(OP.listTeam, 200, { ...owner, query: { limit: "2" } });
    return { s, owner, first: (body as { data: MemberList }).data };
  }

  it("GET /team: members and removed members match; a page of `limit` with its next_cursor", async () => {
    const { s, owner, first } = await teamFirstPage("team-get");
    expect(first.members).toHaveLength(2);
    expect(first.total).toBe(4);
    expect(first.removed.map((m) => m.id)).toEqual([s.ws.actors.viewer.memberId]);
    expect(first.next_cursor).toEqual(expect.any(String));
    const { body } = await expectAnswer(OP.listTeam, 200, { ...owner, query: { page: "2", limit: "2" } });
    expect((body as { data: MemberList }).data.members.map((m) => m.status)).toContain("pending");
  });

  it("GET /team with the `cursor` it documents answers the next page", async () => {
    const { owner, first } = await teamFirstPage("team-cursor");
    const { body } = await expectAnswer(OP.listTeam, 200, { ...owner, query: { cursor: first.next_cursor! } });
    const rest = (body as { data: MemberList }).data;
    expect(rest.members.map((m) => m.status)).toContain("pending");
    expect(rest.next_cursor).toBeNull();
  });

  it("POST /team, with a replay (Idempotent-Replayed) and a key reused for another body (409)", async () => {
    const s = await setup("team-post");
    const call = {
      params: s.params,
      token: s.ws.actors.admin.token,
      headers: { "Idempotency-Key": randomUUID() },
      body: { emails: [newAddress(), s.ws.actors.member.email], role: "viewer" },
    };
    const first = await expectAnswer(OP.invite, 200, call);
    expect(first.body).toMatchObject({
      data: { invited: [{ emailSent: true }], skipped: [{ reason: "already a member" }] },
    });
    const replay = await expectAnswer(OP.invite, 200, call);
    expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
    await expectAnswer(OP.invite, 409, { ...call, body: { emails: [newAddress()], role: "viewer" } });
  });

  it("PATCH /team: If-Match applies the change and answers the new ETag; a stale one is 412; resend answers a delivery", async () => {
    const s = await setup("team-patch");
    const owner = { params: s.params, token: s.ws.actors.owner.token };
    const list = (await expectAnswer(OP.listTeam, 200, owner)).body as { data: MemberList };
    const viewer = list.data.members.find((m) => m.id === s.ws.actors.viewer.memberId)!;
    const change = { action: "change_role", memberId: viewer.id, role: "member" };

    const changed = await expectAnswer(OP.changeMember, 200, {
      ...owner,
      body: change,
      headers: { "If-Match": viewer.etag },
    });
    expect(changed.body).toEqual({ data: { memberId: viewer.id, role: "member", status: "active", removed: false } });
    const etag = changed.response.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{20}"$/);
    expect(etag).not.toBe(viewer.etag);

    await expectAnswer(OP.changeMember, 412, {
      ...owner,
      body: { ...change, role: "viewer" },
      headers: { "If-Match": viewer.etag },
    });
    await expectAnswer(OP.changeMember, 200, {
      ...owner,
      body: { ...change, role: "viewer" },
      headers: { "If-Match": etag! },
    });

    const invited = await expectAnswer(OP.invite, 200, { ...owner, body: { emails: [newAddress()], role: "member" } });
    const memberId = (invited.body as { data: { invited: { memberId: string }[] } }).data.invited[0]!.memberId;
    const resent = await expectAnswer(OP.changeMember, 200, { ...owner, body: { action: "resend", memberId } });
    expect((resent.body as z.infer<typeof memberPatchResponse>).data).toEqual({
      memberId,
      email: expect.any(String),
      emailSent: true,
    });
  });

  it("PATCH /team accepts exactly the documented actions", async () => {
    const s = await setup("team-actions");
    const { body } = await expectAnswer(OP.changeMember, 400, {
      params: s.params,
      token: s.ws.actors.owner.token,
      body: { action: "promote", memberId: s.ws.actors.viewer.memberId },
    });
    expect((body as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors.action).toEqual([
      `Choose one of: ${Object.keys(TEAM_PATCH_ACTIONS).join(", ")}`,
    ]);
  });

  it("DELETE /team", async () => {
    const s = await setup("team-delete");
    const { body } = await expectAnswer(OP.removeMember, 200, {
      params: s.params,
      token: s.ws.actors.admin.token,
      body: { memberId: s.ws.actors.member.memberId },
    });
    expect(body).toMatchObject({ data: { memberId: s.ws.actors.member.memberId, removed: true } });
  });

  it("GET /billing, with the usage a key reported", async () => {
    const s = await setup("billing");
    await expectAnswer(OP.usage, 200, {
      params: s.params,
      bearer: s.ingestKey,
      body: { traces: 42, idempotencyKey: "b-1" },
    });
    const { body } = await expectAnswer(OP.billing, 200, { params: s.params, token: s.ws.actors.admin.token });
    expect(body).toMatchObject({ data: { planType: "free", dailyUsage: [{ traces: 42 }] } });
    // Also through a key with `read`, which gets its rate-limit headers.
    const reader = await createKey(s.ws, ["read"]);
    const { response } = await expectAnswer(OP.billing, 200, { params: s.params, bearer: reader.secret });
    expect(response.headers.get("ratelimit-limit")).toBe(String(env.API_KEY_REQUESTS_PER_MINUTE));
  });

  it("GET /integrations pages with limit and cursor", async () => {
    const s = await setup("integrations");
    for (const [type, name] of [
      ["slack", "Alerts"],
      ["webhook", "Ops hook"],
    ] as const) {
      await db.integrationConfig.create({
        data: {
          workspaceId: s.ws.workspaceId,
          integrationType: type,
          name,
          lastErrorMessage: "timeout",
          totalErrors: 2,
        },
      });
    }
    const owner = { params: s.params, token: s.ws.actors.viewer.token };
    const first = await expectAnswer(OP.integrations, 200, { ...owner, query: { limit: "1" } });
    const cursor = (first.body as { data: { next_cursor: string } }).data.next_cursor;
    expect(cursor).toEqual(expect.any(String));
    const rest = await expectAnswer(OP.integrations, 200, { ...owner, query: { cursor } });
    expect(rest.body).toMatchObject({
      data: { integrations: [{ type: "webhook", hasCredentials: false }], next_cursor: null },
    });
  });

  it("PATCH /billing: the billing email; cancel and resume reach Stripe (503 when Stripe cannot do it)", async () => {
    const s = await setup("patch-billing");
    const owner = { params: s.params, token: s.ws.actors.owner.token };
    const { body } = await expectAnswer(OP.changeBilling, 200, {
      ...owner,
      body: { billingEmail: "Invoices@Acme.example" },
    });
    expect(body).toEqual({ data: { billingEmail: "invoices@acme.example", cancelAtPeriodEnd: false } });
    // A subscription Stripe does not know: nothing changes, and the answer says Stripe could not do it.
    await db.billingConfig.update({
      where: { workspaceId: s.ws.workspaceId },
      data: { stripeSubscriptionId: "sub_unknown_to_stripe" },
    });
    const refused = await expectAnswer(OP.changeBilling, 503, { ...owner, body: { cancelAtPeriodEnd: true } });
    expect((refused.body as { error: { message: string } }).error.message).toMatch(
      /Stripe could not cancel the plan.*nothing was changed/,
    );
    expect(
      (await db.billingConfig.findUniqueOrThrow({ where: { workspaceId: s.ws.workspaceId } })).cancelAtPeriodEnd,
    ).toBe(false);
  });

  it("POST /api/webhooks/stripe: a signed event is received", async () => {
    const event = stripeEvent("customer.created", { id: "cus_openapi", object: "customer" });
    const payload = JSON.stringify(event);
    const { body } = await expectAnswer(OP.stripeWebhook, 200, {
      rawBody: payload,
      contentType: "application/json",
      headers: { "stripe-signature": signStripePayload(payload, env.STRIPE_WEBHOOK_SECRET!) },
    });
    expect(body).toEqual({ received: true, outcome: "unhandled" });
  });

  it("POST, PATCH, DELETE /integrations and the delivery routes: every answer as documented", async () => {
    const s = await setup("integration-writes");
    const admin = { params: s.params, token: s.ws.actors.admin.token };
    const idempotency = { "Idempotency-Key": randomUUID() };
    const body = { type: "webhook", name: "Docs hook", url: "http://127.0.0.1:9/docs-hook" };
    const created = await expectAnswer(OP.addIntegration, 200, { ...admin, headers: idempotency, body });
    const { integration, signingSecret } = (
      created.body as { data: { integration: { id: string }; signingSecret: string } }
    ).data;
    expect(signingSecret).toMatch(/^whsec_/);
    const replayed = await expectAnswer(OP.addIntegration, 200, { ...admin, headers: idempotency, body });
    expect((replayed.body as { data: { signingSecret: null } }).data.signingSecret).toBeNull();

    const integrationId = integration.id;
    for (const [action, extra] of [
      ["update", { type: "webhook", name: "Docs hook 2" }],
      ["set_enabled", { enabled: true }],
      ["rotate_secret", {}],
      ["send_test_event", {}],
    ] as const) {
      await expectAnswer(OP.changeIntegration, 200, { ...admin, body: { action, integrationId, ...extra } });
    }
    const params = { ...s.params, integrationId };
    const log = await expectAnswer(OP.deliveries, 200, {
      params,
      token: s.ws.actors.viewer.token,
      query: { limit: "5" },
    });
    const [test] = (log.body as { data: { deliveries: { id: string; eventType: string; status: string }[] } }).data
      .deliveries;
    expect(test).toMatchObject({ eventType: "integration.test", status: "failed" });

    const event = await db.eventOutbox.create({
      data: {
        workspaceId: s.ws.workspaceId,
        eventType: "alert.triggered",
        severity: "critical",
        publishedAt: new Date(),
      },
    });
    const failed = await db.integrationDelivery.create({
      data: {
        workspaceId: s.ws.workspaceId,
        integrationId,
        eventId: event.id,
        eventType: "alert.triggered",
        status: "failed",
        attempts: 1,
      },
    });
    await expectAnswer(OP.retryDelivery, 200, { params: { ...params, deliveryId: failed.id }, token: admin.token });
    const replay = await expectAnswer(OP.replay, 200, {
      params,
      token: admin.token,
      body: { since: new Date(Date.now() - 3_600_000).toISOString(), includeDelivered: true },
    });
    expect(replay.body).toMatchObject({ data: { truncated: false, nextSince: null } });
    await expectAnswer(OP.removeIntegration, 200, { ...admin, body: { integrationId } });
  });

  it("GET /audit-log as JSON and as CSV", async () => {
    const s = await setup("audit");
    const owner = { params: s.params, token: s.ws.actors.owner.token };
    await expectAnswer(OP.changeMember, 200, {
      ...owner,
      body: { action: "change_role", memberId: s.ws.actors.member.memberId, role: "viewer" },
    });
    const { body } = await expectAnswer(OP.audit, 200, { ...owner, query: { action: "member." } });
    expect(body).toMatchObject({ data: { total: 1, entries: [{ action: "member.role_changed" }] } });
    const csv = await expectAnswer(OP.audit, 200, { ...owner, query: { format: "csv" } });
    expect(csv.response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.response.headers.get("x-audit-log-truncated")).toBe("false");
  });

  it("GET, POST and DELETE /api-keys: the plan's limit (409), a replay, and a revoked key refused", async () => {
    const s = await setup("keys");
    const owner = { params: s.params, token: s.ws.actors.owner.token };
    const idempotency = { "Idempotency-Key": randomUUID() };
    const second = await createKey(s.ws, ["read"], idempotency);
    const replay = await createKey(s.ws, ["read"], idempotency);
    expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.key.id).toBe(second.key.id);
    // A free workspace allows 2 keys: the ingestion key and this one.
    await expectAnswer(OP.createKey, 409, { ...owner, body: { name: "Third", scopes: ["read"] } });

    const page = await expectAnswer(OP.listKeys, 200, { ...owner, query: { limit: "1" } });
    const cursor = (page.body as { data: { next_cursor: string } }).data.next_cursor;
    await expectAnswer(OP.listKeys, 200, { ...owner, query: { cursor } });
    await expectAnswer(OP.listKeys, 200, { params: s.params, bearer: second.secret });

    await expectAnswer(OP.revokeKey, 200, {
      params: { ...s.params, keyId: second.key.id },
      token: s.ws.actors.admin.token,
    });
    await expectAnswer(OP.listKeys, 401, { params: s.params, bearer: second.secret });
  });

  it.each([
    [OP.usage, { traces: 1200, idempotencyKey: "u-1" }, { traces: -5, idempotencyKey: "u-2" }],
    [
      OP.events,
      { type: "alert.triggered", alertId: "a-1", severity: "critical", title: "Down", idempotencyKey: "e-1" },
      { type: "alert.exploded", alertId: "a-1", severity: "critical", title: "Down", idempotencyKey: "e-2" },
    ],
  ])(
    "%s: 200 with rate-limit headers, 207 with an invalid item, a replay, and a reused key (409)",
    async (key, good, bad) => {
      const s = await setup("ingest");
      const call = { params: s.params, bearer: s.ingestKey };
      const ok = await expectAnswer(key, 200, { ...call, body: good });
      expect(ok.body).toMatchObject({ data: { recorded: 1, rejected: 0, items: [{ index: 0, status: "recorded" }] } });
      for (const name of ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"])
        expect(ok.response.headers.get(name), name).toMatch(/^\d+$/);

      const idempotency = { "Idempotency-Key": randomUUID() };
      const mixed = await expectAnswer(key, 207, { ...call, body: { items: [good, bad] }, headers: idempotency });
      const answer = (mixed.body as z.infer<typeof usageAnswerResponse | typeof eventAnswerResponse>).data;
      expect(answer).toMatchObject({
        recorded: 1,
        rejected: 1,
        items: [{ status: "recorded" }, { status: "rejected" }],
      });
      const replay = await expectAnswer(key, 207, { ...call, body: { items: [good, bad] }, headers: idempotency });
      expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
      expect(replay.body).toEqual(mixed.body);
      await expectAnswer(key, 409, { ...call, body: good, headers: idempotency });
    },
  );
});

describe("every documented error status, as the real routes answer it", () => {
  it.each(withStatus(401))("%s: 401 without credentials", async (key) => {
    const s = await setup("401");
    await expectAnswer(key, 401, { params: paramsFor(key, s), body: {} });
  });

  it.each(withStatus(404))("%s: 404 for a workspace that does not exist", async (key) => {
    const s = await setup("404");
    const caller = permittedCaller(key, s);
    // A key is bound to its own workspace: another workspace is "not found" for it, as for a member.
    await expectAnswer(key, 404, { ...caller, params: { ...paramsFor(key, s), workspaceId: randomUUID() }, body: {} });
  });

  it.each(withStatus(403))("%s: 403 for a role or key without the permission", async (key) => {
    const s = await setup("403");
    await expectAnswer(key, 403, { ...forbiddenCaller(key, s), params: paramsFor(key, s), body: {} });
  });

  it.each(withStatus(429).filter((key) => OPERATIONS[key]!.access.kind === "workspace"))(
    "%s: 429 with Retry-After and RateLimit-* when the key's budget is spent",
    async (key) => {
      const s = await setup("429");
      const limit = env.API_KEY_REQUESTS_PER_MINUTE;
      await rateLimiter("api_key", limit, 60).penalty(hashApiKey(s.ingestKey), limit);
      const { response, body } = await expectAnswer(key, 429, {
        bearer: s.ingestKey,
        params: paramsFor(key, s),
        body: {},
      });
      expect(response.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
      expect(response.headers.get("ratelimit-remaining")).toBe("0");
      expect((body as { error: { retryAfterSeconds: number } }).error.retryAfterSeconds).toBe(
        Number(response.headers.get("retry-after")),
      );
    },
  );

  it("POST /api/workspaces: 429 with Retry-After when the person's daily budget is spent", async () => {
    const s = await setup("429-workspaces");
    const user = s.ws.actors.member;
    await rateLimiter("workspace_user", WORKSPACES_PER_USER_PER_DAY, 86_400).penalty(
      user.userId,
      WORKSPACES_PER_USER_PER_DAY,
    );
    const { response } = await expectAnswer(OP.createWorkspace, 429, { token: user.token, body: { name: "One more" } });
    expect(response.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  });

  /** An input each route refuses with 400 (after letting the caller through). */
  const BAD_INPUT: Record<string, (s: Setup) => OperationCall> = {
    [OP.createWorkspace]: () => ({ body: { name: "x" } }),
    [OP.listTeam]: () => ({ query: { limit: "0" } }),
    [OP.invite]: () => ({ body: { emails: [], role: "viewer" } }),
    [OP.changeMember]: () => ({ body: { action: "change_role", memberId: "nobody", role: "admin" } }),
    [OP.removeMember]: () => ({ body: { memberId: "nobody" } }),
    [OP.integrations]: () => ({ query: { limit: "101" } }),
    [OP.addIntegration]: () => ({ body: { type: "webhook", name: "Hook", url: "ftp://example.com/x" } }),
    [OP.changeIntegration]: () => ({ body: { action: "set_enabled", integrationId: "nope", enabled: "yes" } }),
    [OP.removeIntegration]: () => ({ body: { integrationId: "nope" } }),
    [OP.deliveries]: () => ({ query: { status: "sent" } }),
    [OP.retryDelivery]: (s) => ({ params: { ...s.params, integrationId: "x", deliveryId: "y" } }),
    [OP.replay]: () => ({ body: { since: "last week" } }),
    [OP.audit]: () => ({ query: { from: "yesterday" } }),
    [OP.listKeys]: () => ({ query: { cursor: "not-a-cursor" } }),
    [OP.createKey]: () => ({ body: { name: "", scopes: ["admin"] } }),
    [OP.revokeKey]: (s) => ({ params: { ...s.params, keyId: "not-an-id" } }),
    [OP.usage]: () => ({ body: { traces: -1, idempotencyKey: "x" } }),
    [OP.events]: () => ({ body: { type: "alert.triggered" } }),
    [OP.changeBilling]: () => ({ body: { billingEmail: "not an address" } }),
    [OP.stripeWebhook]: () => ({
      rawBody: JSON.stringify(stripeEvent("invoice.paid", { id: "in_x", object: "invoice" })),
      contentType: "application/json",
      headers: { "stripe-signature": "t=1,v1=0000" },
    }),
  };

  it("the 400 table covers exactly the operations documenting 400", () => {
    expect(Object.keys(BAD_INPUT).sort()).toEqual(withStatus(400).sort());
  });

  it.each(withStatus(400))("%s: 400 with fieldErrors for invalid input", async (key) => {
    const s = await setup("400");
    const call = BAD_INPUT[key]!(s);
    const { body } = await expectAnswer(key, 400, { ...permittedCaller(key, s), params: paramsFor(key, s), ...call });
    expect(Object.keys((body as { error: { fieldErrors?: object } }).error.fieldErrors ?? {})).not.toEqual([]);
  });

  it.each(withStatus(415))("%s: 415 for a body that is not JSON", async (key) => {
    const s = await setup("415");
    await expectAnswer(key, 415, {
      ...permittedCaller(key, s),
      params: paramsFor(key, s),
      rawBody: "name=x",
      contentType: "application/x-www-form-urlencoded",
    });
  });

  it.each(withStatus(413))("%s: 413 one byte over the documented limit", async (key) => {
    const s = await setup("413");
    const documented = Number(/larger than ([\d,]+) bytes/.exec(OPERATIONS[key]!.errors[413]!)![1]!.replace(/,/g, ""));
    const padding = "x".repeat(documented + 1 - JSON.stringify({ pad: "" }).length);
    const { body } = await expectAnswer(key, 413, {
      ...permittedCaller(key, s),
      params: paramsFor(key, s),
      rawBody: JSON.stringify({ pad: padding }),
    });
    expect((body as { error: { message: string } }).error.message).toBe(
      `The request body is larger than ${documented} bytes.`,
    );
  });

  /** A request each route refuses with 409 (some need an earlier request first). */
  const CONFLICTS: Record<string, (s: Setup) => Promise<OperationCall>> = {
    [OP.createWorkspace]: async (s) => {
      const call = { token: s.ws.actors.owner.token, headers: { "Idempotency-Key": randomUUID() } };
      await expectAnswer(OP.createWorkspace, 200, { ...call, body: { name: "First" } });
      return { ...call, body: { name: "Second" } };
    },
    [OP.invite]: async (s) => {
      // The plan's member limit: the four members fill it.
      await db.billingConfig.update({ where: { workspaceId: s.ws.workspaceId }, data: { teamMembersLimit: 4 } });
      return { body: { emails: [newAddress()], role: "viewer" } };
    },
    [OP.changeMember]: async (s) => ({ body: { action: "deactivate", memberId: s.ws.actors.owner.memberId } }),
    [OP.removeMember]: async (s) => ({ body: { memberId: s.ws.actors.owner.memberId } }),
    [OP.createKey]: async (s) => {
      await createKey(s.ws, ["read"]);
      return { body: { name: "Third", scopes: ["read"] } };
    },
    [OP.usage]: async (s) => {
      const headers = { "Idempotency-Key": randomUUID() };
      await expectAnswer(OP.usage, 200, {
        params: s.params,
        bearer: s.ingestKey,
        headers,
        body: { traces: 1, idempotencyKey: "a" },
      });
      return { headers, body: { traces: 2, idempotencyKey: "a" } };
    },
    [OP.events]: async (s) => {
      const headers = { "Idempotency-Key": randomUUID() };
      const event = { type: "alert.resolved", alertId: "x", severity: "info", title: "Fine", idempotencyKey: "a" };
      await expectAnswer(OP.events, 200, { params: s.params, bearer: s.ingestKey, headers, body: event });
      return { headers, body: { ...event, title: "Other" } };
    },
    [OP.addIntegration]: async (s) => {
      const body = { type: "webhook", name: "Twice", url: "http://127.0.0.1:9/twice" };
      await expectAnswer(OP.addIntegration, 200, { params: s.params, token: s.ws.actors.owner.token, body });
      return { body };
    },
    [OP.changeIntegration]: async (s) => {
      const add = (name: string) =>
        expectAnswer(OP.addIntegration, 200, {
          params: s.params,
          token: s.ws.actors.owner.token,
          body: { type: "webhook", name, url: "http://127.0.0.1:9/x" },
        });
      await add("Taken");
      const other = await add("Other");
      const id = (other.body as { data: { integration: { id: string } } }).data.integration.id;
      return { body: { action: "update", integrationId: id, type: "webhook", name: "Taken" } };
    },
    [OP.retryDelivery]: async (s) => {
      const { integrationId, deliveryId } = await turnedOffIntegration(s);
      return { params: { ...s.params, integrationId, deliveryId } };
    },
    [OP.replay]: async (s) => {
      const { integrationId } = await turnedOffIntegration(s);
      return { params: { ...s.params, integrationId }, body: { since: new Date(Date.now() - 60_000).toISOString() } };
    },
    // Cancel needs a subscription; a workspace on the Free plan has none.
    [OP.changeBilling]: async () => ({ body: { cancelAtPeriodEnd: true } }),
  };

  it("the 409 table covers exactly the operations documenting 409", () => {
    expect(Object.keys(CONFLICTS).sort()).toEqual(withStatus(409).sort());
  });

  it.each(withStatus(409))("%s: 409 for a conflict", async (key) => {
    const s = await setup("409");
    const call = await CONFLICTS[key]!(s);
    await expectAnswer(key, 409, { ...permittedCaller(key, s), params: paramsFor(key, s), ...call });
  });
});

describe("the document promises nothing no test here saw", () => {
  /** Answers no test produces on purpose: a masked failure, and the database being down. */
  const UNSEEN: Record<string, string> = {
    [`${OP.health} 503`]: "the database would have to be down",
    [`${OP.stripeWebhook} 503`]: "needs a server without Stripe keys: lib/stripe/inbox/payments-off.test.ts",
    ...Object.fromEntries(withStatus(500).map((key) => [`${key} 500`, "a masked unexpected failure"])),
  };

  it("every documented status of every operation was answered above (run the whole file)", () => {
    const documented = Object.entries(OPERATIONS).flatMap(([key, spec]) =>
      [...Object.keys(spec.responses), ...Object.keys(spec.errors)].map((status) => `${key} ${status}`),
    );
    expect(documented.filter((answer) => !seenAnswers.has(answer) && !UNSEEN[answer]).sort()).toEqual([]);
  });
});
