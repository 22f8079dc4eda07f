import type { PgBoss } from "pg-boss";
import { createPool } from "../../db/pools";
import { logger } from "../../logger";
import { createDeliveryQueue, DELIVER_QUEUE, type DeliveryJob } from "./delivery-queue";
import { dispatchOutbox } from "./dispatch-outbox";
import { processDeliveryJobs, type ProcessOptions } from "./process-deliveries";
import { sendIntegrationNotices } from "./send-integration-notices";

export interface DeliveryEngineOptions extends ProcessOptions {
  /** How often the dispatcher looks at the outbox when it is idle (ms). */
  dispatchIntervalMs?: number;
  /** Delivery jobs a worker takes at once. */
  batchSize?: number;
  /** Batches a process works at the same time. */
  concurrency?: number;
}

export interface DeliveryEngine {
  /** One dispatcher pass now (tests). */
  dispatchNow: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * The delivery engine in this process (docs/decisions/013-integration-delivery.md): the
 * dispatcher loop (outbox → deliveries → pg-boss jobs) and the pg-boss workers that send. Any
 * number of processes may run it on one database.
 */
export async function startDeliveryEngine(
  boss: PgBoss,
  connectionString: string,
  options: DeliveryEngineOptions = {},
): Promise<DeliveryEngine> {
  const pool = createPool(connectionString);
  await createDeliveryQueue(boss);
  const interval = options.dispatchIntervalMs ?? 200;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();

  const dispatchOnce = async (): Promise<boolean> => {
    try {
      const result = await dispatchOutbox(pool, boss);
      return result.events > 0 || result.queued > 0;
    } catch (error) {
      if (!stopped) logger.error({ err: error }, "delivery dispatcher pass failed");
      return false;
    }
  };
  const loop = () => {
    if (stopped) return;
    pass = dispatchOnce().then((busy) => {
      if (!stopped) timer = setTimeout(loop, busy ? 0 : interval);
    });
  };
  loop();

  await boss.work<DeliveryJob>(
    DELIVER_QUEUE,
    {
      batchSize: options.batchSize ?? 100,
      localConcurrency: options.concurrency ?? 4,
      pollingIntervalSeconds: 0.5,
      notifyPollingIntervalSeconds: 2,
      // A full batch means more is waiting: fetch again at once instead of waiting for the next poll
      // (without it a burst drains at one batch per worker per poll: docs/benchmarks.md).
      burstWhenBatchFull: true,
    },
    async (jobs) => {
      const notices = await processDeliveryJobs(pool, boss, jobs, options);
      // Emails go out after the attempts committed; a failing mail server never fails the batch.
      if (notices.length) void sendIntegrationNotices(pool, notices).catch(() => undefined);
    },
  );

  return {
    dispatchNow: async () => {
      await pass;
      await dispatchOnce();
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await pass;
      await boss.offWork(DELIVER_QUEUE).catch(() => undefined);
      await pool.end();
    },
  };
}
