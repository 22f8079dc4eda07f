import { randomUUID } from "node:crypto";
import type { Role } from "../../lib/access/permissions";
import { generateApiKey } from "../../lib/api-keys/key-format";
import { credentialsCipher } from "../../lib/crypto/credentials-key";
import { secretHintOf } from "../../lib/integrations/integration-record";
import type { IntegrationType } from "../../lib/integrations/integration-types";
import { createWorkspace, db } from "./db";

/**
 * The workspace the user guide's screenshots show (e2e/user-guide.spec.ts): "Northwind Labs", new on
 * every run, with the same people, usage, key and integrations each time, so the pictures change
 * only when the app does. The people keep fixed addresses (on the reserved .example domain) and are
 * reused by later runs; nothing else in the suite uses them.
 */
export const GUIDE_PEOPLE = {
  owner: { email: "priya@northwind.example", name: "Priya Patel" },
  admin: { email: "marcus@northwind.example", name: "Marcus Chen" },
  member: { email: "sofia@northwind.example", name: "Sofia Rossi" },
  viewer: { email: "tom@northwind.example", name: "Tom Becker" },
} as const;
export const GUIDE_INVITEE = "jordan@northwind.example";
export const GUIDE_WORKSPACE_NAME = "Northwind Labs";
export const GUIDE_BILLING_EMAIL = "billing@northwind.example";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);
/**
 * N minutes ago, less 25 seconds: read as "N minutes ago" from now until 55 seconds later (the app
 * rounds to the nearest minute), so a slow page load does not change the screenshot.
 */
const minutesAgo = (n: number) => ago(n * MINUTE - 25_000);

/** Traces this period, spread over the period's days so far (see `setGuideUsagePeriod`). */
export const GUIDE_TRACES = 3_250;

async function person(key: keyof typeof GUIDE_PEOPLE) {
  const { email, name } = GUIDE_PEOPLE[key];
  return db.user.upsert({
    where: { email },
    create: { email, name, emailVerified: new Date() },
    update: { name },
  });
}

/** An owner, an admin and a member (the Free plan's three seats), usage and an API key. */
export async function createGuideWorkspace() {
  const owner = await person("owner");
  await switchOffGuideIntegrations(owner.id); // in case an earlier run stopped before it did
  const admin = await person("admin");
  const member = await person("member");
  const workspace = await createWorkspace(GUIDE_WORKSPACE_NAME, [
    { userId: owner.id, role: "owner" },
    { userId: admin.id, role: "admin" },
    { userId: member.id, role: "member" },
  ]);
  await db.teamMember.updateMany({
    where: { workspaceId: workspace.id, userId: admin.id },
    data: { lastActiveAt: ago(2 * HOUR) },
  });
  await db.teamMember.updateMany({
    where: { workspaceId: workspace.id, userId: member.id },
    data: { lastActiveAt: ago(3 * DAY) },
  });
  await db.billingConfig.update({
    where: { workspaceId: workspace.id },
    data: { billingEmail: GUIDE_BILLING_EMAIL, teamMembersCurrent: 3, tracesCurrentMonth: GUIDE_TRACES },
  });
  await setGuideUsagePeriod(workspace.id);
  await createUsageKey(workspace.id, admin.id);
  return { workspace, owner, admin, member };
}

/**
 * The current period: it ends 18 days from now and started 11 days 23 hours ago, so that the
 * forecast at the rate so far (3,250 × 719 h / 287 h ≈ 8,142 traces) reads the same for a minute
 * after this call: call it right before the Billing tab is opened. Then one row of traces per UTC
 * day so far.
 */
export async function setGuideUsagePeriod(workspaceId: string) {
  const start = new Date(Date.now() - 12 * DAY + HOUR);
  const end = new Date(Date.now() + 18 * DAY);
  await db.billingConfig.update({ where: { workspaceId }, data: { currentPeriodStart: start, currentPeriodEnd: end } });
  // From the period's first day to today, a gentle made-up curve summing to GUIDE_TRACES.
  const first = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const days = Math.round((today - first) / DAY) + 1;
  const weights = Array.from({ length: days }, (_, i) => (1 + i / days) * (1 + 0.25 * Math.sin(i * 1.3)));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const counts = weights.map((w) => Math.floor((w / total) * GUIDE_TRACES));
  counts[counts.length - 1]! += GUIDE_TRACES - counts.reduce((sum, n) => sum + n, 0);
  await db.dailyUsage.deleteMany({ where: { workspaceId } });
  await db.dailyUsage.createMany({
    data: counts.map((traces, i) => ({ workspaceId, day: new Date(first + i * DAY), traces })),
  });
}

/** The viewer, added once the plan has room for a fourth member. */
export async function addGuideViewer(workspaceId: string) {
  const viewer = await person("viewer");
  await db.teamMember.create({
    data: {
      workspaceId,
      userId: viewer.id,
      role: "viewer" satisfies Role,
      status: "active",
      joinedAt: ago(6 * DAY),
      lastActiveAt: ago(5 * DAY),
    },
  });
  await db.billingConfig.update({ where: { workspaceId }, data: { teamMembersCurrent: { increment: 1 } } });
  return viewer;
}

/** "Usage reporter": the key the platform's ingestion uses, made by the admin, last used a few minutes ago. */
async function createUsageKey(workspaceId: string, adminId: string) {
  const made = generateApiKey();
  await db.apiKey.create({
    data: {
      workspaceId,
      name: "Usage reporter",
      prefix: made.prefix,
      keyHash: made.hash,
      scopes: ["usage:write"],
      creatorRole: "admin",
      createdBy: adminId,
    },
  });
  await db.billingConfig.update({ where: { workspaceId }, data: { apiKeysCurrent: 1 } });
}

/** "Usage reporter" was last used 4 minutes ago: call it right before the API keys tab is opened. */
export async function markGuideKeyUsed(workspaceId: string) {
  await db.apiKey.updateMany({ where: { workspaceId, name: "Usage reporter" }, data: { lastUsedAt: minutesAgo(4) } });
}

interface GuideIntegration {
  type: IntegrationType;
  name: string;
  config: Record<string, unknown>;
  credentials: Record<string, unknown>;
  /** Only events that nothing in the spec publishes: the delivery engine has nothing to send them. */
  eventFilters: { event_types: string[]; min_severity: string };
  healthStatus: "healthy" | "degraded" | "unknown";
  enabled: boolean;
  totalEventsSent: number;
  /** Delivery attempts in the last 24 hours: minutes ago, latency, and the HTTP status of a failed one. */
  attempts: { minutesAgo: number; latencyMs: number; failedWith?: number }[];
  lastError?: string;
}

const INTEGRATIONS: GuideIntegration[] = [
  {
    type: "slack",
    name: "Agent alerts",
    config: { channel: "#agent-alerts", mention_on_critical: true },
    credentials: { webhook_url: "https://hooks.slack.com/services/T0GUIDE00/B0GUIDE00/guideWebhookTokenNw7q" },
    eventFilters: { event_types: ["alert.triggered", "alert.resolved"], min_severity: "warning" },
    healthStatus: "healthy",
    enabled: true,
    totalEventsSent: 1_284,
    attempts: [
      { minutesAgo: 12, latencyMs: 184 },
      { minutesAgo: 95, latencyMs: 211 },
      { minutesAgo: 340, latencyMs: 167 },
    ],
  },
  {
    type: "pagerduty",
    name: "On-call escalation",
    config: { severity_mapping: { critical: "critical", error: "error", warning: "warning", info: "info" } },
    credentials: { routing_key: "R0GUIDEROUTINGKEY00000000000c41d" },
    eventFilters: { event_types: ["alert.triggered", "alert.resolved"], min_severity: "critical" },
    healthStatus: "healthy",
    enabled: true,
    totalEventsSent: 37,
    attempts: [{ minutesAgo: 95, latencyMs: 243 }],
  },
  {
    type: "webhook",
    name: "Usage notices",
    config: { url: "https://hooks.northwind.example/observability" },
    credentials: { signing_secret: "whsec_Z3VpZGUtc2FtcGxlLXNpZ25pbmctc2VjcmV0LTAx" },
    eventFilters: { event_types: ["usage.threshold_reached", "usage.limit_exceeded"], min_severity: "info" },
    healthStatus: "degraded",
    enabled: true,
    totalEventsSent: 212,
    attempts: [
      { minutesAgo: 14, latencyMs: 1_204, failedWith: 503 },
      { minutesAgo: 20, latencyMs: 302 },
      { minutesAgo: 200, latencyMs: 288 },
    ],
    lastError: "Receiver answered HTTP 503 Service Unavailable",
  },
  {
    type: "datadog",
    name: "Usage dashboards",
    config: { site: "EU" },
    credentials: { api_key: "guide0datadog0api0key00000000b7e2" },
    eventFilters: { event_types: ["usage.threshold_reached", "usage.limit_exceeded"], min_severity: "info" },
    healthStatus: "unknown",
    enabled: false,
    totalEventsSent: 0,
    attempts: [],
  },
];

/**
 * The integrations as the app stores them: settings, credentials encrypted with the server's key
 * (INTEGRATION_CREDENTIALS_KEY, which `npm test` gives both), the masked hint and a few attempts.
 * A recent `last_sync_at` keeps the health-check job away from them while the spec runs. Call it
 * right before the Integrations tab is opened ("14 minutes ago" is counted from now).
 */
export async function createGuideIntegrations(workspaceId: string) {
  const cipher = credentialsCipher();
  for (const spec of INTEGRATIONS) {
    const id = randomUUID();
    const lastFailure = spec.attempts.find((a) => a.failedWith);
    await db.integrationConfig.create({
      data: {
        id,
        workspaceId,
        integrationType: spec.type,
        name: spec.name,
        isEnabled: spec.enabled,
        config: spec.config as object,
        credentialsEncrypted: cipher.encrypt(JSON.stringify(spec.credentials), { workspaceId, integrationId: id }),
        eventFilters: spec.eventFilters,
        healthStatus: spec.healthStatus,
        lastSyncAt: spec.enabled ? ago(10 * MINUTE) : null,
        lastErrorMessage: spec.lastError ?? null,
        lastErrorAt: lastFailure ? minutesAgo(lastFailure.minutesAgo) : null,
        totalEventsSent: spec.totalEventsSent,
        consecutiveFailures: lastFailure ? 1 : 0,
        totalErrors: spec.attempts.filter((a) => a.failedWith).length,
      },
    });
    await db.integrationRuntime.create({
      data: {
        integrationId: id,
        workspaceId,
        secretHint: secretHintOf(spec.type, spec.credentials as never),
        ...(spec.enabled ? {} : { pausedBy: "user", pausedAt: ago(2 * DAY) }),
      },
    });
    for (const attempt of spec.attempts) {
      const at = minutesAgo(attempt.minutesAgo);
      const failed = attempt.failedWith !== undefined;
      // A failed delivery is final ("failed", not "pending"): the worker never picks it up again.
      const delivery = await db.integrationDelivery.create({
        data: {
          workspaceId,
          integrationId: id,
          eventType: spec.eventFilters.event_types[0]!,
          severity: spec.eventFilters.min_severity === "info" ? "warning" : spec.eventFilters.min_severity,
          eventCreatedAt: at,
          status: failed ? "failed" : "succeeded",
          attempts: 1,
          lastHttpStatus: attempt.failedWith ?? 200,
          lastLatencyMs: attempt.latencyMs,
          lastError: failed ? spec.lastError : null,
          createdAt: at,
          deliveredAt: failed ? null : at,
        },
      });
      await db.integrationDeliveryAttempt.create({
        data: {
          workspaceId,
          integrationId: id,
          deliveryId: delivery.id,
          attempt: 1,
          attemptedAt: at,
          outcome: failed ? "retryable" : "success",
          httpStatus: attempt.failedWith ?? 200,
          latencyMs: attempt.latencyMs,
          error: failed ? spec.lastError : null,
        },
      });
    }
  }
}

/**
 * Switches off the integrations of the guide's workspaces once their screenshots are taken: their
 * destinations are made up, and the health-check job would otherwise call them in later test runs.
 */
export async function switchOffGuideIntegrations(ownerId: string) {
  const workspaces = await db.teamMember.findMany({ where: { userId: ownerId }, select: { workspaceId: true } });
  await db.integrationConfig.updateMany({
    where: { workspaceId: { in: workspaces.map((w) => w.workspaceId) }, isEnabled: true },
    data: { isEnabled: false },
  });
}
