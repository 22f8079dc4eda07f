import type { Db } from "../db/prisma";
import { IDEMPOTENCY_TTL_HOURS } from "./idempotency";

/** The hourly job: drops Idempotency-Key responses older than their 24 hours. Crosses workspaces: system client. */
export async function pruneIdempotencyKeys(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3_600_000);
  const { count } = await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
