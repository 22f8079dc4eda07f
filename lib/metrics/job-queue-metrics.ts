import { Gauge } from "prom-client";
import { Prisma } from "../generated/prisma/client";
import { readWithTimeout, sharedReading } from "./database-reading";
import { sharedMetric } from "./registry";

interface QueueRow {
  queue: string;
  queued: number;
  active: number;
  oldest_ready_seconds: number;
}

/**
 * Every pg-boss queue (schema pgboss, pg-boss 12) with its jobs waiting (states created and retry)
 * and being worked (active), and how long the oldest job ready to run has waited: since it was
 * created or, when it was deferred (a retry's delay, a later start), since it could start, as
 * pg-boss's own monitor counts it. One query, served by pg-boss's index on live jobs (job_i14).
 */
export const QUEUE_SQL = Prisma.sql`
  SELECT q.name AS queue,
         COALESCE(j.queued, 0)::int AS queued,
         COALESCE(j.active, 0)::int AS active,
         COALESCE(j.oldest_ready_seconds, 0)::float8 AS oldest_ready_seconds
    FROM pgboss.queue q
    LEFT JOIN (
      SELECT name,
             count(*) FILTER (WHERE state IN ('created', 'retry')) AS queued,
             count(*) FILTER (WHERE state = 'active') AS active,
             extract(epoch FROM now() - min(GREATEST(created_on, start_after))
               FILTER (WHERE state IN ('created', 'retry') AND NOT blocked AND start_after <= now())) AS oldest_ready_seconds
        FROM pgboss.job
       WHERE state IN ('created', 'retry', 'active')
       GROUP BY name
    ) j ON j.name = q.name`;

/** The queues as the database has them now (every worker's jobs: the worker has no port of its own). */
export const readJobQueues = sharedReading("job_queues", () => readWithTimeout<QueueRow>(QUEUE_SQL));

function queueGauge(name: string, help: string, value: (row: QueueRow) => number) {
  return sharedMetric(
    name,
    (registers) =>
      new Gauge({
        name,
        help,
        labelNames: ["queue"] as const,
        registers,
        async collect() {
          const rows = await readJobQueues();
          this.reset();
          for (const row of rows ?? []) this.set({ queue: row.queue }, value(row));
        },
      }),
  );
}

queueGauge(
  "settings_job_queue_queued_jobs",
  "Jobs waiting in the pg-boss queue (created or retry, deferred ones included), read from the database at scrape time: all workers.",
  (row) => row.queued,
);
queueGauge(
  "settings_job_queue_active_jobs",
  "Jobs a worker is working now in the pg-boss queue, read from the database at scrape time: all workers.",
  (row) => row.active,
);
queueGauge(
  "settings_job_queue_oldest_ready_age_seconds",
  "Seconds the oldest job ready to run in the pg-boss queue has waited (since created, or since its deferred start); 0 when none waits.",
  (row) => row.oldest_ready_seconds,
);
