import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/prisma";
import { logger } from "../logger";

export const HEARTBEAT_INTERVAL_MS = 10_000;
/** A beat older than this means no worker is running jobs: readiness fails (docs/operations.md). */
export const HEARTBEAT_MAX_AGE_SECONDS = 60;

/**
 * Writes this worker's heartbeat now and every 10 s, and removes it on `stop()`. Beats older than a day
 * (workers that were killed) are removed as it goes.
 */
export async function startWorkerHeartbeat(db: Db): Promise<{ workerId: string; stop: () => Promise<void> }> {
  const workerId = randomUUID();
  const beat = async () => {
    await db.$executeRaw`
      INSERT INTO worker_heartbeats (worker_id, hostname, pid) VALUES (${workerId}::uuid, ${hostname().slice(0, 255)}, ${process.pid})
      ON CONFLICT (worker_id) DO UPDATE SET beat_at = now()`;
    await db.$executeRaw`DELETE FROM worker_heartbeats WHERE beat_at < now() - interval '1 day'`;
  };
  await beat();
  const timer = setInterval(() => {
    beat().catch((error: Error) => logger.warn({ error: { message: error.message } }, "worker heartbeat failed"));
  }, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    workerId,
    stop: async () => {
      clearInterval(timer);
      await db.$executeRaw`DELETE FROM worker_heartbeats WHERE worker_id = ${workerId}::uuid`.catch(() => undefined);
    },
  };
}
