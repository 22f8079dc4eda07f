import { createHash, randomBytes } from "node:crypto";
import type { CredentialsCipher } from "../lib/crypto/credentials-cipher";
import type { Db } from "../lib/db/prisma";
import { periodContaining } from "../lib/billing/billing-period";
import { PLANS } from "../lib/billing/plans";
import { secretHintOf } from "../lib/integrations/integration-record";

/**
 * The seed's sample records (docs/architecture.md, "Data model"), in workspace
 * 00000000-0000-0000-0000-000000000001: six team members, one professional
 * billing_config with 30 days of daily usage, four integrations whose
 * credentials are encrypted by the app's own cipher. Idempotent: rows that
 * exist are left as they are, so a second run changes nothing.
 */
export const SAMPLE_WORKSPACE_ID = "00000000-0000-0000-0000-000000000001";

const DAY_MS = 86_400_000;
const TRACES_THIS_MONTH = 650_000;

export const SAMPLE_USERS = [
  {
    id: "10000000-0000-4000-8000-000000000001",
    name: "Olivia Owner",
    email: "olivia@acme.example",
    role: "owner",
    status: "active",
  },
  {
    id: "10000000-0000-4000-8000-000000000002",
    name: "Adam Admin",
    email: "adam@acme.example",
    role: "admin",
    status: "active",
  },
  {
    id: "10000000-0000-4000-8000-000000000003",
    name: "Mia Member",
    email: "mia@acme.example",
    role: "member",
    status: "active",
  },
  {
    id: "10000000-0000-4000-8000-000000000004",
    name: "Victor Viewer",
    email: "victor@acme.example",
    role: "viewer",
    status: "active",
  },
  {
    id: "10000000-0000-4000-8000-000000000005",
    name: null,
    email: "pat@acme.example",
    role: "member",
    status: "pending",
  },
  {
    id: "10000000-0000-4000-8000-000000000006",
    name: "Ivan Inactive",
    email: "ivan@acme.example",
    role: "member",
    status: "inactive",
  },
] as const;

const OWNER_ID = SAMPLE_USERS[0].id;

const SAMPLE_INTEGRATIONS = [
  {
    id: "20000000-0000-4000-8000-000000000001",
    integrationType: "slack",
    name: "Agent alerts",
    isEnabled: true,
    healthStatus: "healthy",
    config: { channel: "#agent-alerts", mention_on_critical: true },
    credentials: { webhook_url: "https://hooks.slack.com/services/T0000SEED/B0000SEED/sampleSeedWebhookToken" },
    eventFilters: {
      event_types: ["alert.triggered", "alert.resolved", "usage.limit_exceeded"],
      min_severity: "warning",
    },
    totalEventsSent: 1842n,
    totalErrors: 3n,
    consecutiveFailures: 0,
    lastError: null,
  },
  {
    id: "20000000-0000-4000-8000-000000000002",
    integrationType: "pagerduty",
    name: "On-call escalation",
    isEnabled: true,
    healthStatus: "healthy",
    config: { severity_mapping: { critical: "critical", error: "error", warning: "warning", info: "info" } },
    credentials: { routing_key: "R0SEEDSAMPLEROUTINGKEY000000000" },
    eventFilters: { event_types: ["alert.triggered", "alert.resolved"], min_severity: "critical" },
    totalEventsSent: 57n,
    totalErrors: 0n,
    consecutiveFailures: 0,
    lastError: null,
  },
  {
    id: "20000000-0000-4000-8000-000000000003",
    integrationType: "webhook",
    name: "Data warehouse sink",
    isEnabled: true,
    healthStatus: "degraded",
    config: { url: "https://hooks.acme.example/observability" },
    credentials: { signing_secret: "whsec_c2FtcGxlLXNlZWQtc2lnbmluZy1zZWNyZXQ=" },
    eventFilters: { event_types: [], min_severity: "info" },
    totalEventsSent: 9310n,
    totalErrors: 41n,
    consecutiveFailures: 2,
    lastError: "Receiver answered HTTP 503 Service Unavailable",
  },
  {
    id: "20000000-0000-4000-8000-000000000004",
    integrationType: "sentry",
    name: "Error tracking",
    isEnabled: false,
    healthStatus: "unknown",
    config: { environment: "production" },
    credentials: { dsn: "https://sampleSeedPublicKey@o0.ingest.sentry.io/0" },
    eventFilters: { event_types: ["alert.triggered"], min_severity: "error" },
    totalEventsSent: 0n,
    totalErrors: 0n,
    consecutiveFailures: 0,
    lastError: null,
  },
] as const;

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** 30 daily counts (weekdays busier than weekends, a gentle upward trend) summing exactly to `total`. */
export function dailyUsageSeries(firstDay: Date, total: number, days = 30): { day: Date; traces: number }[] {
  const weights = Array.from({ length: days }, (_, i) => {
    const weekday = new Date(firstDay.getTime() + i * DAY_MS).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    return (weekend ? 0.55 : 1) * (1 + i / (days * 2)) * (1 + 0.08 * Math.sin(i * 1.7));
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * total));
  counts[days - 1]! += total - counts.reduce((a, b) => a + b, 0);
  return counts.map((traces, i) => ({ day: new Date(firstDay.getTime() + i * DAY_MS), traces }));
}

export async function seedSampleData(db: Db, cipher: CredentialsCipher, now = new Date()): Promise<void> {
  const periodStart = new Date(startOfUtcDay(now).getTime() - 29 * DAY_MS);
  // The period starts on its anchor and ends one (clamped) month later (docs/decisions/011-usage-metering.md).
  const periodEnd = periodContaining(periodStart, periodStart).end;
  const plan = PLANS.professional;

  await db.$transaction(async (tx) => {
    await tx.workspace.upsert({
      where: { id: SAMPLE_WORKSPACE_ID },
      update: {},
      create: { id: SAMPLE_WORKSPACE_ID, name: "Acme AI", slug: "acme-ai" },
    });

    for (const user of SAMPLE_USERS) {
      await tx.user.upsert({
        where: { id: user.id },
        update: {},
        create: {
          id: user.id,
          name: user.name,
          email: user.email,
          emailVerified: user.status === "pending" ? null : periodStart,
        },
      });
    }

    for (const [index, user] of SAMPLE_USERS.entries()) {
      const pending = user.status === "pending";
      const isOwner = user.id === OWNER_ID;
      await tx.teamMember.upsert({
        where: { id: `30000000-0000-4000-8000-00000000000${index + 1}` },
        update: {},
        create: {
          id: `30000000-0000-4000-8000-00000000000${index + 1}`,
          workspaceId: SAMPLE_WORKSPACE_ID,
          userId: user.id,
          role: user.role,
          status: user.status,
          // Nobody holds this token: only a hash of random bytes is stored.
          invitationTokenHash: pending ? createHash("sha256").update(randomBytes(32)).digest("hex") : null,
          invitationExpiresAt: pending ? new Date(now.getTime() + 7 * DAY_MS) : null,
          invitedBy: isOwner ? null : OWNER_ID,
          joinedAt: pending ? null : periodStart,
          lastActiveAt: user.status === "active" ? new Date(now.getTime() - (index + 1) * 3_600_000) : null,
          createdBy: OWNER_ID,
          updatedBy: OWNER_ID,
        },
      });
    }

    await tx.billingConfig.upsert({
      where: { workspaceId: SAMPLE_WORKSPACE_ID },
      update: {},
      create: {
        workspaceId: SAMPLE_WORKSPACE_ID,
        planType: plan.type,
        planStatus: "active",
        tracesPerMonthLimit: BigInt(plan.tracesPerMonth!),
        tracesCurrentMonth: BigInt(TRACES_THIS_MONTH),
        teamMembersLimit: plan.members,
        teamMembersCurrent: SAMPLE_USERS.filter((u) => u.status === "active").length,
        apiKeysLimit: plan.apiKeys,
        apiKeysCurrent: 0,
        overageEnabled: true,
        overagePricePer1kTraces: plan.overagePer1k!,
        priceMonthly: plan.priceMonthly!,
        currency: "usd",
        currentPeriodStart: periodStart,
        currentPeriodEnd: periodEnd,
        billingEmail: SAMPLE_USERS[0].email,
      },
    });
    await tx.billingCycle.upsert({
      where: { workspaceId: SAMPLE_WORKSPACE_ID },
      update: {},
      create: { workspaceId: SAMPLE_WORKSPACE_ID, anchor: periodStart },
    });

    if ((await tx.dailyUsage.count({ where: { workspaceId: SAMPLE_WORKSPACE_ID } })) === 0) {
      await tx.dailyUsage.createMany({
        data: dailyUsageSeries(periodStart, TRACES_THIS_MONTH).map(({ day, traces }) => ({
          workspaceId: SAMPLE_WORKSPACE_ID,
          day,
          traces: BigInt(traces),
        })),
      });
    }

    for (const integration of SAMPLE_INTEGRATIONS) {
      const context = { workspaceId: SAMPLE_WORKSPACE_ID, integrationId: integration.id };
      await tx.integrationConfig.upsert({
        where: { id: integration.id },
        update: {},
        create: {
          id: integration.id,
          workspaceId: SAMPLE_WORKSPACE_ID,
          integrationType: integration.integrationType,
          name: integration.name,
          isEnabled: integration.isEnabled,
          config: integration.config,
          credentialsEncrypted: cipher.encrypt(JSON.stringify(integration.credentials), context),
          eventFilters: integration.eventFilters,
          healthStatus: integration.healthStatus,
          lastHealthCheckAt: integration.isEnabled ? new Date(now.getTime() - 5 * 60_000) : null,
          lastSyncAt: integration.totalEventsSent > 0n ? new Date(now.getTime() - 12 * 60_000) : null,
          lastErrorMessage: integration.lastError,
          lastErrorAt: integration.lastError ? new Date(now.getTime() - 15 * 60_000) : null,
          consecutiveFailures: integration.consecutiveFailures,
          totalEventsSent: integration.totalEventsSent,
          totalErrors: integration.totalErrors,
          createdBy: OWNER_ID,
        },
      });
      // Its runtime state: the masked hint of its secret (docs/decisions/013-integration-delivery.md).
      await tx.integrationRuntime.upsert({
        where: { integrationId: integration.id },
        update: {},
        create: {
          integrationId: integration.id,
          workspaceId: SAMPLE_WORKSPACE_ID,
          secretHint: secretHintOf(integration.integrationType, integration.credentials as never),
        },
      });
    }
  });
}
