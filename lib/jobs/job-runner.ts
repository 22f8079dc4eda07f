import { PgBoss } from "pg-boss";
import { env } from "../env";
import { createPrismaClient } from "../db/prisma";
import { logger } from "../logger";
import { startWorkerHeartbeat } from "./worker-heartbeat";
import { pruneIdempotencyKeys } from "../api/prune-idempotency-keys";
import { retireExpiredApiKeys } from "../api-keys/retire-expired-keys";
import { pruneEventOutbox } from "../events/prune-outbox";
import { expireStaleInvitations } from "../team/expire-invitations";
import { reconcileSubscriptions } from "../billing/reconcile-subscriptions";
import { reportOverage, stripeOverageSender } from "../billing/report-overage";
import { getStripe } from "../stripe/stripe-client";
import { currentStripeSettings } from "../stripe/stripe-settings";
import { resetUsagePeriods } from "../usage/reset-usage-periods";
import {
  startDeliveryEngine,
  type DeliveryEngine,
  type DeliveryEngineOptions,
} from "../integrations/delivery/delivery-engine";
import { checkIntegrationHealth } from "../integrations/delivery/check-integration-health";

export const EXPIRE_INVITATIONS = "expire-invitations";
export const PRUNE_EVENT_OUTBOX = "prune-event-outbox";
export const PRUNE_IDEMPOTENCY_KEYS = "prune-idempotency-keys";
export const RETIRE_EXPIRED_API_KEYS = "retire-expired-api-keys";
export const RECONCILE_SUBSCRIPTIONS = "reconcile-subscriptions";
export const RESET_USAGE_PERIODS = "reset-usage-periods";
export const REPORT_OVERAGE = "report-overage";
export const CHECK_INTEGRATION_HEALTH = "check-integration-health";

export interface JobRunner {
  boss: PgBoss;
  delivery: DeliveryEngine | null;
  stop: () => Promise<void>;
}

/**
 * pg-boss on the app's own PostgreSQL (schema `pgboss`): registers the
 * scheduled jobs and works them. Any number of app instances may run it; a
 * scheduled job runs once per tick across all of them.
 */
export async function startJobRunner(
  connectionString: string,
  options: { pollingIntervalSeconds?: number; delivery?: DeliveryEngineOptions | false } = {},
): Promise<JobRunner> {
  // LISTEN/NOTIFY wakes delivery workers the moment a job is queued (polling stays as the backstop).
  // The supervisor every 15 s: a job whose worker died (no heartbeat for 10 s) runs again within ~25 s.
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    useListenNotify: env.JOBS_LISTEN_NOTIFY === "on",
    superviseIntervalSeconds: 15,
    monitorIntervalSeconds: 15,
  });
  let stopping = false;
  // Only the message and code: pg errors can carry the whole client (and its connection settings).
  boss.on("error", (error: Error & { code?: string }) => {
    if (stopping) return;
    logger.error({ error: { message: error.message, code: error.code } }, "job queue error");
  });
  await boss.start();
  // Jobs cross workspaces by nature: they run on the system client.
  const db = createPrismaClient(connectionString);
  // GET /api/ready checks that some worker beat recently.
  const heartbeat = await startWorkerHeartbeat(db);

  // Each job: its queue, its schedule, and its work (which logs what it did).
  const jobs: { name: string; cron: string; run: () => Promise<Record<string, number>> }[] = [
    { name: EXPIRE_INVITATIONS, cron: "0 * * * *", run: async () => ({ retired: await expireStaleInvitations(db) }) },
    { name: PRUNE_EVENT_OUTBOX, cron: "17 3 * * *", run: async () => ({ ...(await pruneEventOutbox(db)) }) },
    { name: PRUNE_IDEMPOTENCY_KEYS, cron: "41 * * * *", run: async () => ({ pruned: await pruneIdempotencyKeys(db) }) },
    {
      name: RETIRE_EXPIRED_API_KEYS,
      cron: "*/5 * * * *",
      run: async () => ({ retired: await retireExpiredApiKeys(db) }),
    },
    {
      // Nightly: repairs any drift between Stripe's subscriptions and the billing rows.
      name: RECONCILE_SUBSCRIPTIONS,
      cron: "23 4 * * *",
      run: async () => (currentStripeSettings() ? { ...(await reconcileSubscriptions(db, getStripe())) } : {}),
    },
    // Workspaces Stripe does not bill move to their next period (docs/decisions/011-usage-metering.md).
    { name: RESET_USAGE_PERIODS, cron: "*/10 * * * *", run: async () => ({ moved: await resetUsagePeriods(db) }) },
    {
      // Enabled integrations without a recent delivery get a request that costs the receiver nothing.
      name: CHECK_INTEGRATION_HEALTH,
      cron: "*/5 * * * *",
      run: async () => ({ ...(await checkIntegrationHealth(db)) }),
    },
    {
      // Five minutes past each hour: the hour before has closed. Nothing while payments are off.
      name: REPORT_OVERAGE,
      cron: "5 * * * *",
      run: async () => {
        if (!currentStripeSettings()) return {};
        return { ...(await reportOverage(db, { send: stripeOverageSender(getStripe()) })) };
      },
    },
  ];
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron);
    await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
      const outcome = await job.run();
      if (Object.values(outcome).some(Boolean)) logger.info({ job: job.name, ...outcome }, "job done");
      return outcome;
    });
  }

  // The delivery engine: the outbox dispatcher and the delivery workers (docs/decisions/013-integration-delivery.md).
  const delivery =
    options.delivery === false ? null : await startDeliveryEngine(boss, connectionString, options.delivery);

  return {
    boss,
    delivery,
    stop: async () => {
      stopping = true;
      await delivery?.stop();
      await boss.stop({ graceful: true, timeout: 5000 });
      await heartbeat.stop();
      await db.$disconnect();
    },
  };
}
