import type { Db } from "../db/prisma";

/**
 * How long delivered events and delivery attempts are kept. Undelivered events stay, however old,
 * until their integration delivers them or is deleted (docs/decisions/013-integration-delivery.md).
 */
export const OUTBOX_RETENTION_DAYS = 30;

/**
 * The daily job: deletes outbox events older than the retention that the dispatcher has read and
 * that no delivery still waits for (their finished deliveries go with them), test deliveries and
 * attempts older than the retention. Crosses workspaces: system client.
 */
export async function pruneEventOutbox(
  db: Db,
  now = new Date(),
): Promise<{ pruned: number; attempts: number; testDeliveries: number }> {
  const cutoff = new Date(now.getTime() - OUTBOX_RETENTION_DAYS * 86_400_000);
  const attempts = await db.$executeRaw`
    DELETE FROM integration_delivery_attempts WHERE attempted_at < ${cutoff}`;
  const testDeliveries = await db.$executeRaw`
    DELETE FROM integration_deliveries
     WHERE event_id IS NULL AND created_at < ${cutoff} AND status IN ('succeeded', 'failed')`;
  const pruned = await db.$executeRaw`
    DELETE FROM event_outbox o
     WHERE o.created_at < ${cutoff} AND o.published_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM integration_deliveries d
                        WHERE d.event_id = o.id AND d.status IN ('pending', 'held'))`;
  return { pruned, attempts, testDeliveries };
}
