import { PgBoss } from "pg-boss";
import { createPrismaClient } from "../db/prisma";
import { logger } from "../logger";
import { pruneEventOutbox } from "../events/prune-outbox";
import { expireStaleInvitations } from "../team/expire-invitations";

export const EXPIRE_INVITATIONS = "expire-invitations";
export const PRUNE_EVENT_OUTBOX = "prune-event-outbox";

export interface JobRunner {
  boss: PgBoss;
  stop: () => Promise<void>;
}

/**
 * pg-boss on the app's own PostgreSQL (schema `pgboss`): registers the
 * scheduled jobs and works them. Any number of app instances may run it; a
 * scheduled job runs once per tick across all of them.
 */
export async function startJobRunner(
  connectionString: string,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString, schema: "pgboss" });
  let stopping = false;
  // Only the message and code: pg errors can carry the whole client (and its connection settings).
  boss.on("error", (error: Error & { code?: string }) => {
    if (stopping) return;
    logger.error({ error: { message: error.message, code: error.code } }, "job queue error");
  });
  await boss.start();
  // Jobs cross workspaces by nature: they run on the system client.
  const db = createPrismaClient(connectionString);

  await boss.createQueue(EXPIRE_INVITATIONS);
  await boss.schedule(EXPIRE_INVITATIONS, "0 * * * *"); // hourly
  await boss.work(EXPIRE_INVITATIONS, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
    const retired = await expireStaleInvitations(db);
    if (retired) logger.info({ retired }, "expired stale invitations");
    return { retired };
  });

  await boss.createQueue(PRUNE_EVENT_OUTBOX);
  await boss.schedule(PRUNE_EVENT_OUTBOX, "17 3 * * *"); // daily
  await boss.work(PRUNE_EVENT_OUTBOX, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
    const pruned = await pruneEventOutbox(db);
    if (pruned) logger.info({ pruned }, "pruned the event outbox");
    return { pruned };
  });

  return {
    boss,
    stop: async () => {
      stopping = true;
      await boss.stop({ graceful: true, timeout: 5000 });
      await db.$disconnect();
    },
  };
}
