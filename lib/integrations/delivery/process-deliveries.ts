import type { Job, PgBoss } from "pg-boss";
import { logger } from "../../logger";
import { sendToIntegration } from "../senders/sender-registry";
import { deliveryEventOf } from "./delivery-event";
import type { DeliveryJob } from "./delivery-queue";
import { queueDeliveryJobs } from "./delivery-queue";
import { deliverySettings } from "./delivery-settings";
import { deliveryTargetOf } from "./delivery-target";
import { loadDeliveries, type LoadedDelivery } from "./load-deliveries";
import { takeSends } from "./rate-window";
import { recordAttempts, type AttemptResult, type IntegrationNotice } from "./record-attempts";
import type { SendOutcome } from "./send-outcome";
import { inTransaction, type SqlExecutor } from "./sql-executor";
import type pg from "pg";

export interface ProcessOptions {
  timeoutMs?: number;
  /** Tests: resolve host names without the system's DNS. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Tests: PagerDuty and Datadog at a local receiver (else INTEGRATIONS_SERVICE_ORIGIN). */
  serviceOrigin?: string;
}

/**
 * Works a batch of delivery jobs: skips stale jobs, holds deliveries whose integration is off,
 * makes the ones over their integration's rate limit wait for the next minute (not an attempt),
 * sends the rest at once, and records every attempt in one transaction. Answers the notices to
 * email. Throwing makes pg-boss retry the batch; a send that already happened is then sent again
 * with the same id (at least once: receivers de-duplicate on `webhook-id`).
 */
export async function processDeliveryJobs(
  pool: pg.Pool,
  boss: PgBoss,
  jobs: Job<DeliveryJob>[],
  options: ProcessOptions = {},
): Promise<IntegrationNotice[]> {
  const jobOf = new Map(jobs.map((job) => [job.data.deliveryId, job.id]));
  const loaded = await loadDeliveries(executorOfPool(pool), [...jobOf.keys()]);
  const current = loaded.filter((d) => d.status === "pending" && d.jobId === jobOf.get(d.id));
  const held = current.filter((d) => !d.integration.isEnabled);
  const active = current.filter((d) => d.integration.isEnabled);

  const toSend = await inTransaction(pool, async (db) => {
    if (held.length) await holdDeliveries(db, held);
    return admitByRateLimit(db, boss, active);
  });
  if (toSend.length === 0) return [];

  const settings = deliverySettings();
  const results: AttemptResult[] = await Promise.all(
    toSend.map(async (delivery) => {
      const at = new Date();
      const outcome = await sendOne(delivery, at, settings, options);
      return {
        deliveryId: delivery.id,
        workspaceId: delivery.workspaceId,
        integrationId: delivery.integrationId,
        jobId: delivery.jobId,
        retries: true,
        previousAttempts: delivery.attempts,
        retryConfig: delivery.integration.retryConfig,
        outcome,
        at,
      };
    }),
  );
  try {
    return await inTransaction(pool, (db) => recordAttempts(db, boss, results));
  } catch (error) {
    // pg-boss runs the batch again (the sends happen again, with the same ids): say so.
    logger.error({ err: error, deliveries: results.length }, "recording a batch of delivery attempts failed");
    throw error;
  }
}

async function sendOne(
  delivery: LoadedDelivery,
  at: Date,
  settings: ReturnType<typeof deliverySettings>,
  options: ProcessOptions,
): Promise<SendOutcome> {
  try {
    const target = deliveryTargetOf({
      integrationId: delivery.integrationId,
      workspaceId: delivery.workspaceId,
      type: delivery.integration.type,
      name: delivery.integration.name,
      config: delivery.integration.config,
      credentialsEncrypted: delivery.integration.credentialsEncrypted,
      updatedAt: delivery.integration.updatedAt,
    });
    const event = deliveryEventOf({
      id: delivery.eventId ?? delivery.id,
      type: delivery.eventType,
      severity: delivery.severity,
      workspaceId: delivery.workspaceId,
      workspaceName: delivery.workspaceName,
      createdAt: delivery.eventCreatedAt,
      payload: delivery.payload,
    });
    return await sendToIntegration(target, event, {
      messageId: delivery.id,
      attemptAt: at,
      allowPrivateNetworks: settings.allowPrivateNetworks,
      serviceOrigin: options.serviceOrigin ?? settings.serviceOrigin,
      timeoutMs: options.timeoutMs,
      resolve: options.resolve,
    });
  } catch (error) {
    // Our side failed (credentials that do not decrypt, say): an attempt that tells what, never a secret.
    logger.error(
      { err: error, deliveryId: delivery.id, integrationId: delivery.integrationId },
      "delivery failed before sending",
    );
    return {
      kind: "permanent",
      httpStatus: null,
      latencyMs: 0,
      error: "The integration's stored credentials could not be used; save the integration's secret again.",
      responseExcerpt: null,
      retryAfterSeconds: null,
      requestId: null,
      fixHint: "Edit the integration and enter its secret again.",
    };
  }
}

/** Deliveries of an integration that is off wait, kept, until it is turned on again. */
async function holdDeliveries(db: SqlExecutor, held: LoadedDelivery[]): Promise<void> {
  await db.executeSql(
    `UPDATE integration_deliveries SET status = 'held', job_id = NULL
      WHERE id = ANY($1::uuid[]) AND status = 'pending' AND job_id = ANY($2::uuid[])`,
    [held.map((d) => d.id), held.map((d) => d.jobId)],
  );
}

/** The deliveries this minute's rate limits allow; the others get a new job at the next window. */
async function admitByRateLimit(db: SqlExecutor, boss: PgBoss, active: LoadedDelivery[]): Promise<LoadedDelivery[]> {
  const byIntegration = new Map<string, LoadedDelivery[]>();
  for (const d of active) byIntegration.set(d.integrationId, [...(byIntegration.get(d.integrationId) ?? []), d]);
  const grants = await takeSends(
    db,
    [...byIntegration.entries()].map(([integrationId, list]) => ({
      integrationId,
      workspaceId: list[0]!.workspaceId,
      wanted: list.length,
      limit: list[0]!.integration.rateLimitPerMinute,
    })),
  );
  const admitted: LoadedDelivery[] = [];
  const waiting: { delivery: LoadedDelivery; startAfter: Date }[] = [];
  for (const [integrationId, list] of byIntegration) {
    const grant = grants.get(integrationId)!;
    admitted.push(...list.slice(0, grant.granted));
    for (const delivery of list.slice(grant.granted)) waiting.push({ delivery, startAfter: grant.nextWindow });
  }
  if (waiting.length) {
    const jobs = waiting.map((w) => ({
      jobId: crypto.randomUUID(),
      deliveryId: w.delivery.id,
      startAfter: w.startAfter,
    }));
    await db.executeSql(
      `UPDATE integration_deliveries d SET job_id = x.job_id, next_attempt_at = x.start_after
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, job_id uuid, start_after timestamptz)
        WHERE d.id = x.id`,
      [JSON.stringify(jobs.map((j) => ({ id: j.deliveryId, job_id: j.jobId, start_after: j.startAfter })))],
    );
    await queueDeliveryJobs(boss, db, jobs);
  }
  return admitted;
}

function executorOfPool(pool: pg.Pool): SqlExecutor {
  return { executeSql: async (text, values) => ({ rows: (await pool.query(text, values as unknown[])).rows }) };
}
