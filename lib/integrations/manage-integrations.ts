import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { WorkspaceContext } from "../access/with-workspace";
import { auditActorOf, writeAudit } from "../audit/write-audit";
import { runRead } from "../db/sql-read";
import { AppError, type FieldErrors } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { deliverySettings } from "./delivery/delivery-settings";
import { sealSecrets, openSecrets } from "./integration-credentials";
import { applyInput, destinationOf, destinationUrlsOf, secretHintOf, type StoredForm } from "./integration-record";
import type {
  CreateIntegrationInput,
  integrationRefSchema,
  setIntegrationEnabledSchema,
  UpdateIntegrationInput,
} from "./integration-schemas";
import type { IntegrationSettings, IntegrationType } from "./integration-types";
import { integrationRead, type IntegrationView } from "./list-integrations";
import { checkDestinationUrl } from "./network/destination-url";
import { checkBodyTemplate } from "./senders/custom-sender";
import { generateSigningSecret } from "./senders/webhook-sender";

/**
 * Adding, changing, switching and removing integrations (the Integrations tab and the REST API run
 * these same handlers). Secrets are accepted, encrypted and never returned — except a webhook's
 * signing secret, generated here and answered once, on creation and on rotation.
 */

export interface SavedIntegration {
  integration: IntegrationView;
  /** The webhook signing secret (`whsec_…`), in this answer only. */
  signingSecret?: string;
}

const TYPE_LABEL: Record<string, string> = {
  slack: "Slack",
  pagerduty: "PagerDuty",
  webhook: "Webhook",
  sentry: "Sentry",
  datadog: "Datadog",
  custom: "Custom",
};

/** The save-time checks zod cannot make: where each URL resolves, and the body template. */
async function checkForm(type: IntegrationType, form: StoredForm, changed: (field: string) => boolean): Promise<void> {
  const errors: FieldErrors = {};
  const { allowPrivateNetworks } = deliverySettings();
  for (const { field, url } of destinationUrlsOf(type, form)) {
    if (!changed(field)) continue;
    const problem = await checkDestinationUrl(url, { allowPrivateNetworks });
    if (problem) errors[field] = [problem];
  }
  if (type === "custom" && changed("bodyTemplate")) {
    const problem = checkBodyTemplate((form.settings as IntegrationSettings["custom"]).body_template);
    if (problem) errors.bodyTemplate = [problem];
  }
  if (Object.keys(errors).length)
    throw new AppError("invalid_input", "Some fields need attention.", { fieldErrors: errors });
}

async function viewOf(ctx: WorkspaceContext, integrationId: string): Promise<IntegrationView> {
  const view = await runRead(ctx.tx, integrationRead(ctx.workspaceId, integrationId));
  if (!view) throw new AppError("not_found", "That integration was not found.");
  return view;
}

async function nameTaken(ctx: WorkspaceContext, type: string, name: string, except: string | null): Promise<void> {
  const [row] = await ctx.tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM integrations_config
     WHERE workspace_id = ${ctx.workspaceId}::uuid AND integration_type = ${type} AND name = ${name}
       AND id IS DISTINCT FROM ${except}::uuid`;
  if (row) {
    throw new AppError(
      "conflict",
      `A ${TYPE_LABEL[type]} integration named “${name}” already exists. Choose another name.`,
      {
        fieldErrors: { name: [`A ${TYPE_LABEL[type]} integration with this name exists`] },
      },
    );
  }
}

const auditSummary = (type: string, name: string, form: StoredForm, filters: unknown) => ({
  name,
  type,
  destination: destinationOf(
    type,
    form.settings as Record<string, unknown>,
    secretHintOf(type as IntegrationType, form.secrets),
  ),
  eventFilters: filters,
});

export async function createIntegration(
  ctx: WorkspaceContext,
  input: CreateIntegrationInput,
): Promise<SavedIntegration> {
  const id = randomUUID();
  const signingSecret = input.type === "webhook" ? generateSigningSecret() : undefined;
  const form = applyInput(input, null, { signingSecret });
  await checkForm(input.type, form, () => true);
  await nameTaken(ctx, input.type, input.name, null);
  const eventFilters = input.eventFilters ?? { event_types: [], min_severity: "info" };
  await ctx.tx.integrationConfig.create({
    data: {
      id,
      workspaceId: ctx.workspaceId,
      integrationType: input.type,
      name: input.name,
      isEnabled: true,
      config: form.settings as Prisma.InputJsonValue,
      credentialsEncrypted: sealSecrets(form.secrets, { workspaceId: ctx.workspaceId, integrationId: id }),
      eventFilters: eventFilters as Prisma.InputJsonValue,
      healthStatus: "unknown",
      ...(input.rateLimitPerMinute ? { rateLimitPerMinute: input.rateLimitPerMinute } : {}),
      ...(input.retryConfig ? { retryConfig: input.retryConfig } : {}),
      createdBy: ctx.actor.kind === "member" ? ctx.actor.user.id : null,
    },
    select: { id: true },
  });
  await ctx.tx.integrationRuntime.create({
    data: { integrationId: id, workspaceId: ctx.workspaceId, secretHint: secretHintOf(input.type, form.secrets) },
  });
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "integration.created",
    targetType: "integration",
    targetId: id,
    after: auditSummary(input.type, input.name, form, eventFilters),
  });
  return { integration: await viewOf(ctx, id), ...(signingSecret ? { signingSecret } : {}) };
}

interface LockedIntegration {
  id: string;
  integration_type: IntegrationType;
  name: string;
  is_enabled: boolean;
  config: Record<string, unknown>;
  credentials_encrypted: string | null;
  event_filters: unknown;
  rate_limit_per_minute: number;
  retry_config: unknown;
}

async function lockIntegration(ctx: WorkspaceContext, integrationId: string): Promise<LockedIntegration> {
  const [row] = await ctx.tx.$queryRaw<LockedIntegration[]>`
    SELECT id, integration_type, name, is_enabled, config, credentials_encrypted, event_filters, rate_limit_per_minute, retry_config
      FROM integrations_config
     WHERE workspace_id = ${ctx.workspaceId}::uuid AND id = ${integrationId}::uuid
       FOR UPDATE`;
  if (!row) throw new AppError("not_found", "That integration was not found.");
  return row;
}

function storedFormOf(ctx: WorkspaceContext, row: LockedIntegration): StoredForm {
  return {
    settings: row.config as never,
    secrets: openSecrets(row.credentials_encrypted, { workspaceId: ctx.workspaceId, integrationId: row.id }) as never,
  };
}

export async function updateIntegration(
  ctx: WorkspaceContext,
  input: UpdateIntegrationInput,
): Promise<SavedIntegration> {
  const row = await lockIntegration(ctx, input.integrationId);
  if (row.integration_type !== input.type) {
    throw new AppError("invalid_input", "Some fields need attention.", {
      fieldErrors: { type: [`This is a ${TYPE_LABEL[row.integration_type]} integration; its type cannot change`] },
    });
  }
  const given = new Set(Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined));
  const form = applyInput(input, storedFormOf(ctx, row));
  await checkForm(row.integration_type, form, (field) => given.has(field));
  const name = input.name ?? row.name;
  if (input.name) await nameTaken(ctx, row.integration_type, name, row.id);
  const secretChanged = ["webhookUrl", "routingKey", "dsn", "apiKey", "headers"].some((field) => given.has(field));
  await ctx.tx.integrationConfig.update({
    where: { id: row.id },
    data: {
      name,
      config: form.settings as Prisma.InputJsonValue,
      credentialsEncrypted: sealSecrets(form.secrets, { workspaceId: ctx.workspaceId, integrationId: row.id }),
      ...(input.eventFilters ? { eventFilters: input.eventFilters } : {}),
      ...(input.rateLimitPerMinute ? { rateLimitPerMinute: input.rateLimitPerMinute } : {}),
      ...(input.retryConfig ? { retryConfig: input.retryConfig } : {}),
    },
    select: { id: true },
  });
  await ctx.tx.integrationRuntime.upsert({
    where: { integrationId: row.id },
    create: {
      integrationId: row.id,
      workspaceId: ctx.workspaceId,
      secretHint: secretHintOf(row.integration_type, form.secrets),
    },
    update: { secretHint: secretHintOf(row.integration_type, form.secrets) },
  });
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "integration.updated",
    targetType: "integration",
    targetId: row.id,
    before: auditSummary(row.integration_type, row.name, storedFormOf(ctx, row), row.event_filters),
    after: {
      ...auditSummary(row.integration_type, name, form, input.eventFilters ?? row.event_filters),
      ...(secretChanged ? { secretChanged: true } : {}),
    },
  });
  if (input.isEnabled !== undefined && input.isEnabled !== row.is_enabled) {
    await switchIntegration(ctx, row, input.isEnabled);
  }
  return { integration: await viewOf(ctx, row.id) };
}

export interface SwitchedIntegration {
  integration: IntegrationView;
  /** Turned on: deliveries kept while it was off, queued again. */
  released: number;
  /** Turned on: events that arrived while it was off (never delivered to it), which a replay would send. */
  missed: { count: number; since: string } | null;
}

async function switchIntegration(
  ctx: WorkspaceContext,
  row: LockedIntegration,
  enabled: boolean,
): Promise<Omit<SwitchedIntegration, "integration">> {
  if (!enabled) {
    await ctx.tx
      .$executeRaw`UPDATE integrations_config SET is_enabled = false, updated_at = now() WHERE id = ${row.id}::uuid`;
    await ctx.tx.$executeRaw`
      INSERT INTO integration_runtime (integration_id, workspace_id, paused_by, paused_at)
      VALUES (${row.id}::uuid, ${ctx.workspaceId}::uuid, 'user', now())
      ON CONFLICT (integration_id) DO UPDATE SET paused_by = 'user', paused_reason = NULL, paused_at = now()`;
    await writeAudit(ctx.tx, auditActorOf(ctx), {
      action: "integration.disabled",
      targetType: "integration",
      targetId: row.id,
      after: { name: row.name },
    });
    return { released: 0, missed: null };
  }
  const [runtime] = await ctx.tx.$queryRaw<{ paused_at: Date | null }[]>`
    SELECT paused_at FROM integration_runtime WHERE integration_id = ${row.id}::uuid`;
  await ctx.tx.$executeRaw`
    UPDATE integrations_config SET is_enabled = true, consecutive_failures = 0, updated_at = now() WHERE id = ${row.id}::uuid`;
  await ctx.tx.$executeRaw`
    UPDATE integration_runtime SET paused_by = NULL, paused_reason = NULL, paused_at = NULL, failing_since = NULL,
           warned_at_failures = 0
     WHERE integration_id = ${row.id}::uuid`;
  const released = await ctx.tx.$executeRaw`
    UPDATE integration_deliveries SET status = 'pending', job_id = NULL, next_attempt_at = now()
     WHERE integration_id = ${row.id}::uuid AND status = 'held'`;
  let missed: SwitchedIntegration["missed"] = null;
  if (runtime?.paused_at) {
    const [count] = await ctx.tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM event_outbox e
       WHERE e.workspace_id = ${ctx.workspaceId}::uuid AND e.created_at >= ${runtime.paused_at}
         AND ${matchesFilters(row.event_filters)}
         AND NOT EXISTS (SELECT 1 FROM integration_deliveries d WHERE d.integration_id = ${row.id}::uuid AND d.event_id = e.id)`;
    if (count && count.n > 0) missed = { count: count.n, since: runtime.paused_at.toISOString() };
  }
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "integration.enabled",
    targetType: "integration",
    targetId: row.id,
    after: { name: row.name, released },
  });
  return { released, missed };
}

/** SQL: the outbox row `e` matches these event filters (as the dispatcher matches them). */
export function matchesFilters(filters: unknown): Prisma.Sql {
  const value = JSON.stringify(filters ?? {});
  return Prisma.sql`(COALESCE(jsonb_array_length(${value}::jsonb -> 'event_types'), 0) = 0
                     OR ${value}::jsonb @> jsonb_build_object('event_types', jsonb_build_array(e.event_type)))
                AND severity_rank(e.severity) >= severity_rank(COALESCE(${value}::jsonb ->> 'min_severity', 'info'))`;
}

export async function setIntegrationEnabled(
  ctx: WorkspaceContext,
  input: z.infer<typeof setIntegrationEnabledSchema>,
): Promise<SwitchedIntegration> {
  const row = await lockIntegration(ctx, input.integrationId);
  const result =
    row.is_enabled === input.enabled ? { released: 0, missed: null } : await switchIntegration(ctx, row, input.enabled);
  return { integration: await viewOf(ctx, row.id), ...result };
}

export async function deleteIntegration(
  ctx: WorkspaceContext,
  input: z.infer<typeof integrationRefSchema>,
): Promise<{ deleted: true; id: string }> {
  const row = await lockIntegration(ctx, input.integrationId);
  await ctx.tx.$executeRaw`DELETE FROM integrations_config WHERE id = ${row.id}::uuid`;
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "integration.deleted",
    targetType: "integration",
    targetId: row.id,
    before: { name: row.name, type: row.integration_type },
  });
  return { deleted: true, id: row.id };
}

/** Hours the previous webhook signing secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_HOURS = 24;

export async function rotateSigningSecret(
  ctx: WorkspaceContext,
  input: z.infer<typeof integrationRefSchema>,
): Promise<{ integration: IntegrationView; signingSecret: string; previousValidUntil: string }> {
  const row = await lockIntegration(ctx, input.integrationId);
  if (row.integration_type !== "webhook") {
    throw new AppError("invalid_input", "Only webhook integrations have a signing secret to rotate.");
  }
  const current = storedFormOf(ctx, row).secrets as { signing_secret: string };
  const signingSecret = generateSigningSecret();
  const previousValidUntil = new Date(Date.now() + ROTATION_OVERLAP_HOURS * 3_600_000).toISOString();
  const secrets = {
    signing_secret: signingSecret,
    previous_signing_secret: current.signing_secret,
    previous_expires_at: previousValidUntil,
  };
  await ctx.tx.integrationConfig.update({
    where: { id: row.id },
    data: { credentialsEncrypted: sealSecrets(secrets, { workspaceId: ctx.workspaceId, integrationId: row.id }) },
    select: { id: true },
  });
  await ctx.tx.$executeRaw`
    UPDATE integration_runtime SET secret_hint = ${secretHintOf("webhook", secrets)} WHERE integration_id = ${row.id}::uuid`;
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "integration.secret_rotated",
    targetType: "integration",
    targetId: row.id,
    after: { name: row.name, previousValidUntil },
  });
  return { integration: await viewOf(ctx, row.id), signingSecret, previousValidUntil };
}
