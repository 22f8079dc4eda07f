import type { Db } from "../db/prisma";

/**
 * How long the outbox keeps an event. Delivery (the Integrations issue) reads
 * events as they arrive; older ones are history the audit log already keeps.
 */
export const OUTBOX_RETENTION_DAYS = 30;

/** The daily job: deletes outbox events older than the retention. Crosses workspaces: system client. */
export async function pruneEventOutbox(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - OUTBOX_RETENTION_DAYS * 86_400_000);
  const { count } = await db.eventOutbox.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
