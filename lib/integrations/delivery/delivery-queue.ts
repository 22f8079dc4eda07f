import type { PgBoss } from "pg-boss";
import type { SqlExecutor } from "./sql-executor";

/**
 * The pg-boss queue that works deliveries. A job carries a delivery id; the delivery row names the
 * one job that may work it (`job_id`), so a stale job (its delivery since retried by hand or
 * replayed) does nothing. pg-boss's own retry is only for a worker that died mid-job: the
 * heartbeat lapses and the job runs again; delivery retries are new jobs with their own start time.
 */
export const DELIVER_QUEUE = "deliver-integration-event";

export interface DeliveryJob {
  deliveryId: string;
}

export async function createDeliveryQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(DELIVER_QUEUE, {
    // A worker that stops sending heartbeats (killed mid-delivery) loses the job after 10 s.
    heartbeatSeconds: 10,
    // Workers wake the moment a job is queued (LISTEN/NOTIFY), polling stays as the backstop.
    notify: true,
    expireInSeconds: 120,
    retryLimit: 100,
    retryDelay: 1,
    retentionSeconds: 7 * 86_400,
    deleteAfterSeconds: 3_600,
  });
}

/** Queues one job per delivery, in the caller's transaction (`db`). */
export async function queueDeliveryJobs(
  boss: PgBoss,
  db: SqlExecutor,
  jobs: { jobId: string; deliveryId: string; startAfter: Date | null }[],
): Promise<void> {
  if (jobs.length === 0) return;
  await boss.insert(
    DELIVER_QUEUE,
    jobs.map((job) => ({
      id: job.jobId,
      data: { deliveryId: job.deliveryId } satisfies DeliveryJob,
      ...(job.startAfter ? { startAfter: job.startAfter } : {}),
    })),
    { db },
  );
}
