import type pg from "pg";
import type { PgBoss } from "pg-boss";
import { queueDeliveryJobs } from "./delivery-queue";
import { inTransaction } from "./sql-executor";

export interface DispatchResult {
  /** Outbox events read (and marked published). */
  events: number;
  /** Deliveries created for them. */
  deliveries: number;
  /** Jobs queued (new deliveries, and pending ones retried by hand, replayed or released). */
  queued: number;
}

/**
 * One pass of the dispatcher, in one transaction: takes the oldest unpublished outbox events (in
 * order; `SKIP LOCKED`, so two dispatchers take different events), creates one delivery per
 * matching enabled integration (`ON CONFLICT DO NOTHING` on (integration, event): never two),
 * marks the events published, and queues a pg-boss job for every pending delivery without one.
 * If the transaction fails, nothing of it happened and the next pass takes the same events.
 */
export async function dispatchOutbox(pool: pg.Pool, boss: PgBoss, batchSize = 500): Promise<DispatchResult> {
  return inTransaction(pool, async (db) => {
    const { rows: created } = await db.executeSql(
      `WITH batch AS (
         SELECT id, workspace_id, event_type, severity, created_at
           FROM event_outbox
          WHERE published_at IS NULL
          ORDER BY created_at, id
          LIMIT $1
          FOR UPDATE SKIP LOCKED),
       published AS (
         UPDATE event_outbox o SET published_at = now() FROM batch b WHERE o.id = b.id RETURNING o.id),
       created AS (
         INSERT INTO integration_deliveries
                (workspace_id, integration_id, event_id, event_type, severity, event_created_at, next_attempt_at)
         SELECT b.workspace_id, i.id, b.id, b.event_type, b.severity, b.created_at, now()
           FROM batch b
           JOIN integrations_config i
             ON i.workspace_id = b.workspace_id AND i.is_enabled
            -- An empty list means every type; otherwise containment, which the GIN index serves.
            AND (COALESCE(jsonb_array_length(i.event_filters -> 'event_types'), 0) = 0
                 OR i.event_filters @> jsonb_build_object('event_types', jsonb_build_array(b.event_type)))
            AND severity_rank(b.severity) >= severity_rank(COALESCE(i.event_filters ->> 'min_severity', 'info'))
          ORDER BY b.created_at, b.id
         ON CONFLICT (integration_id, event_id) DO NOTHING
         RETURNING id)
       SELECT (SELECT count(*) FROM published)::int AS events, (SELECT count(*) FROM created)::int AS deliveries`,
      [batchSize],
    );
    const counts = created[0] as { events: number; deliveries: number };
    const queued = await queuePendingDeliveries(db, boss);
    return { events: counts.events, deliveries: counts.deliveries, queued };
  });
}

/** Gives every pending delivery that has no job one (in the caller's transaction). */
async function queuePendingDeliveries(db: Parameters<typeof queueDeliveryJobs>[1], boss: PgBoss): Promise<number> {
  const { rows } = await db.executeSql(
    `UPDATE integration_deliveries d SET job_id = gen_random_uuid()
      WHERE d.id IN (SELECT id FROM integration_deliveries
                      WHERE status = 'pending' AND job_id IS NULL
                      ORDER BY next_attempt_at NULLS FIRST
                      LIMIT 2000
                      FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d.job_id, d.next_attempt_at`,
  );
  const now = Date.now();
  await queueDeliveryJobs(
    boss,
    db,
    (rows as { id: string; job_id: string; next_attempt_at: Date | null }[]).map((row) => ({
      jobId: row.job_id,
      deliveryId: row.id,
      startAfter: row.next_attempt_at && row.next_attempt_at.getTime() > now ? row.next_attempt_at : null,
    })),
  );
  return rows.length;
}
