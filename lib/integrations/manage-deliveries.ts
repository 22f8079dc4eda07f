import type { z } from "zod";
import type { WorkspaceContext } from "../access/with-workspace";
import { auditActorOf, writeAudit } from "../audit/write-audit";
import { systemDb } from "../db/prisma";
import { AppError } from "../errors";
import { deliveryEventOf } from "./delivery/delivery-event";
import { deliverySettings } from "./delivery/delivery-settings";
import { deliveryTargetOf } from "./delivery/delivery-target";
import { recordAttempts } from "./delivery/record-attempts";
import type { SqlExecutor } from "./delivery/sql-executor";
import type { integrationRefSchema, replayIntegrationSchema, retryDeliverySchema } from "./integration-schemas";
import { REPLAY_MAX_EVENTS } from "./integration-schemas";
import { matchesFilters } from "./manage-integrations";
import { sendToIntegration } from "./senders/sender-registry";
import type { DeliveryTarget } from "./integration-types";
import type { SendOutcome } from "./delivery/send-outcome";

/**
 * "Send test event", "Retry now" and "Replay since …": the delivery controls of the Integrations
 * tab and the REST API. Retries and replays only mark deliveries pending; the dispatcher queues
 * them (docs/decisions/013-integration-delivery.md).
 */

interface PreparedTest {
  deliveryId: string;
  jobId: string;
  target: DeliveryTarget;
  workspaceName: string;
}

/** The outcome of a test event, as shown in place. */
export interface TestEventOutcome {
  deliveryId: string;
  /** Whether the receiver accepted it, in its service's own terms. */
  delivered: boolean;
  kind: SendOutcome["kind"];
  httpStatus: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
  fixHint: string | null;
}

/** In the transaction: checks the integration and writes its test delivery (one attempt, no retries). */
export async function prepareTestEvent(
  ctx: WorkspaceContext,
  input: z.infer<typeof integrationRefSchema>,
): Promise<PreparedTest> {
  const [row] = await ctx.tx.$queryRaw<
    {
      id: string;
      integration_type: string;
      name: string;
      config: Record<string, unknown>;
      credentials_encrypted: string | null;
      updated_at: Date;
      workspace_name: string;
    }[]
  >`
    SELECT i.id, i.integration_type, i.name, i.config, i.credentials_encrypted, i.updated_at, w.name AS workspace_name
      FROM integrations_config i JOIN workspaces w ON w.id = i.workspace_id
     WHERE i.workspace_id = ${ctx.workspaceId}::uuid AND i.id = ${input.integrationId}::uuid`;
  if (!row) throw new AppError("not_found", "That integration was not found.");
  const target = deliveryTargetOf({
    integrationId: row.id,
    workspaceId: ctx.workspaceId,
    type: row.integration_type,
    name: row.name,
    config: row.config,
    credentialsEncrypted: row.credentials_encrypted,
    updatedAt: row.updated_at,
  });
  // A job id no pg-boss job has: the dispatcher leaves this delivery alone; the action sends it.
  const jobId = crypto.randomUUID();
  const [delivery] = await ctx.tx.$queryRaw<{ id: string }[]>`
    INSERT INTO integration_deliveries (workspace_id, integration_id, event_type, severity, status, job_id)
    VALUES (${ctx.workspaceId}::uuid, ${row.id}::uuid, 'integration.test', 'info', 'pending', ${jobId}::uuid)
    RETURNING id`;
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "integration.test_sent",
    targetType: "integration",
    targetId: row.id,
    after: { name: row.name },
  });
  return { deliveryId: delivery!.id, jobId, target, workspaceName: row.workspace_name };
}

/** After the commit: sends the test event now, records the attempt, and answers what happened. */
export async function sendPreparedTestEvent(prepared: PreparedTest): Promise<TestEventOutcome> {
  const settings = deliverySettings();
  const at = new Date();
  const event = deliveryEventOf({
    id: prepared.deliveryId,
    type: "integration.test",
    severity: "info",
    workspaceId: prepared.target.workspaceId,
    workspaceName: prepared.workspaceName,
    createdAt: at,
    payload: { message: `Test event for “${prepared.target.name}”`, integration: prepared.target.name },
  });
  const outcome = await sendToIntegration(prepared.target, event, {
    messageId: prepared.deliveryId,
    attemptAt: at,
    allowPrivateNetworks: settings.allowPrivateNetworks,
    serviceOrigin: settings.serviceOrigin,
  });
  await systemDb().$transaction((tx) =>
    recordAttempts(prismaExecutor(tx), null, [
      {
        deliveryId: prepared.deliveryId,
        workspaceId: prepared.target.workspaceId,
        integrationId: prepared.target.integrationId,
        jobId: prepared.jobId,
        retries: false,
        previousAttempts: 0,
        retryConfig: null,
        outcome,
        at,
      },
    ]),
  );
  return {
    deliveryId: prepared.deliveryId,
    delivered: outcome.kind === "success",
    kind: outcome.kind,
    httpStatus: outcome.httpStatus,
    latencyMs: Math.round(outcome.latencyMs),
    error: outcome.error,
    responseExcerpt: outcome.responseExcerpt,
    fixHint: outcome.fixHint,
  };
}

function prismaExecutor(tx: {
  $queryRawUnsafe: (query: string, ...values: unknown[]) => Promise<unknown>;
}): SqlExecutor {
  return {
    executeSql: async (text, values) => ({ rows: (await tx.$queryRawUnsafe(text, ...(values ?? []))) as never[] }),
  };
}

async function requireEnabled(ctx: WorkspaceContext, integrationId: string) {
  const [row] = await ctx.tx.$queryRaw<{ id: string; name: string; is_enabled: boolean; event_filters: unknown }[]>`
    SELECT id, name, is_enabled, event_filters FROM integrations_config
     WHERE workspace_id = ${ctx.workspaceId}::uuid AND id = ${integrationId}::uuid`;
  if (!row) throw new AppError("not_found", "That integration was not found.");
  if (!row.is_enabled) {
    throw new AppError("conflict", `“${row.name}” is turned off. Turn it on first; its kept deliveries are then sent.`);
  }
  return row;
}

/** "Retry now": the delivery is queued again at once (an extra attempt, whatever its retries left). */
export async function retryDelivery(
  ctx: WorkspaceContext,
  input: z.infer<typeof retryDeliverySchema>,
): Promise<{ queued: true; deliveryId: string }> {
  await requireEnabled(ctx, input.integrationId);
  const [delivery] = await ctx.tx.$queryRaw<{ id: string; status: string; event_id: string | null }[]>`
    SELECT id, status, event_id FROM integration_deliveries
     WHERE workspace_id = ${ctx.workspaceId}::uuid AND integration_id = ${input.integrationId}::uuid
       AND id = ${input.deliveryId}::uuid
       FOR UPDATE`;
  if (!delivery) throw new AppError("not_found", "That delivery was not found.");
  if (delivery.event_id === null) {
    throw new AppError("conflict", "A test event is not retried; send a new one with “Send test event”.");
  }
  if (delivery.status === "succeeded") {
    throw new AppError(
      "conflict",
      "That delivery already succeeded; use “Replay since …” to send delivered events again.",
    );
  }
  await ctx.tx.$executeRaw`
    UPDATE integration_deliveries SET status = 'pending', job_id = NULL, next_attempt_at = now()
     WHERE id = ${delivery.id}::uuid`;
  return { queued: true, deliveryId: delivery.id };
}

export interface ReplayResult {
  /** Events sent again (failed or kept deliveries, and delivered ones when asked). */
  requeued: number;
  /** Events the integration never had a delivery for (it was off, or subscribed later). */
  created: number;
  /** True when more than the limit matched: the oldest were queued; replay again from `nextSince`. */
  truncated: boolean;
  nextSince: string | null;
}

/**
 * "Replay since …": every event since then that matches the integration's filters and was not
 * delivered to it (or every one, with `includeDelivered`), at most 10,000, oldest first, up to 30 days back.
 */
export async function replayIntegration(
  ctx: WorkspaceContext,
  input: z.infer<typeof replayIntegrationSchema>,
): Promise<ReplayResult> {
  const row = await requireEnabled(ctx, input.integrationId);
  const statuses = input.includeDelivered ? ["failed", "held", "succeeded"] : ["failed", "held"];
  const [result] = await ctx.tx.$queryRaw<
    { requeued: number; created: number; matched: number; last_at: Date | null }[]
  >`
    WITH events AS (
      SELECT e.id, e.event_type, e.severity, e.created_at FROM event_outbox e
       WHERE e.workspace_id = ${ctx.workspaceId}::uuid AND e.created_at >= ${input.since}
         AND ${matchesFilters(row.event_filters)}
       ORDER BY e.created_at, e.id
       LIMIT ${REPLAY_MAX_EVENTS + 1}),
    chosen AS (SELECT * FROM events ORDER BY created_at, id LIMIT ${REPLAY_MAX_EVENTS}),
    requeued AS (
      UPDATE integration_deliveries d SET status = 'pending', job_id = NULL, next_attempt_at = now()
        FROM chosen c
       WHERE d.integration_id = ${row.id}::uuid AND d.event_id = c.id AND d.status = ANY(${statuses}::text[])
      RETURNING d.id),
    created AS (
      INSERT INTO integration_deliveries
             (workspace_id, integration_id, event_id, event_type, severity, event_created_at, next_attempt_at)
      SELECT ${ctx.workspaceId}::uuid, ${row.id}::uuid, c.id, c.event_type, c.severity, c.created_at, now()
        FROM chosen c
      ON CONFLICT (integration_id, event_id) DO NOTHING
      RETURNING id)
    SELECT (SELECT count(*) FROM requeued)::int AS requeued, (SELECT count(*) FROM created)::int AS created,
           (SELECT count(*) FROM events)::int AS matched, (SELECT max(created_at) FROM chosen) AS last_at`;
  const truncated = (result?.matched ?? 0) > REPLAY_MAX_EVENTS;
  const outcome: ReplayResult = {
    requeued: result?.requeued ?? 0,
    created: result?.created ?? 0,
    truncated,
    nextSince: truncated && result?.last_at ? result.last_at.toISOString() : null,
  };
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "integration.replayed",
    targetType: "integration",
    targetId: row.id,
    after: { name: row.name, since: input.since.toISOString(), ...outcome },
  });
  return outcome;
}
