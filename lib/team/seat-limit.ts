import { Prisma } from "../generated/prisma/client";
import type { TenantTx } from "../db/tenant-transaction";
import { AppError } from "../errors";

/** Active members plus pending invitations: what the plan's member limit counts (an int). */
export function seatsUsedSql(workspaceId: string): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int FROM team_members
    WHERE workspace_id = ${workspaceId}::uuid AND deleted_at IS NULL AND status IN ('active', 'pending')`;
}

/** Seats in use and the plan's limit (null: unlimited), in one statement. */
export async function countSeats(tx: TenantTx, workspaceId: string): Promise<{ used: number; limit: number | null }> {
  const [row] = await tx.$queryRaw<{ used: number; limit: number | null }[]>`
    SELECT (${seatsUsedSql(workspaceId)}) AS used,
           (SELECT team_members_limit FROM billing_config WHERE workspace_id = ${workspaceId}::uuid) AS "limit"`;
  return { used: Number(row?.used ?? 0), limit: row?.limit == null ? null : Number(row.limit) };
}

/**
 * Keeps billing_config.team_members_current equal to the seats in use, in the
 * transaction of every change to membership (the Billing tab's meter reads it).
 */
export async function syncSeatCount(tx: TenantTx, workspaceId: string): Promise<void> {
  // Lock the row first, so the count below is taken after any concurrent writer (the expiry job) committed.
  await tx.$queryRaw`SELECT 1 FROM billing_config WHERE workspace_id = ${workspaceId}::uuid FOR UPDATE`;
  await tx.$executeRaw`
    UPDATE billing_config
       SET team_members_current = (
             SELECT count(*) FROM team_members
              WHERE workspace_id = ${workspaceId}::uuid AND deleted_at IS NULL AND status IN ('active', 'pending'))
     WHERE workspace_id = ${workspaceId}::uuid`;
}

export async function assertSeatsFor(tx: TenantTx, workspaceId: string, additional: number): Promise<void> {
  const { used, limit } = await countSeats(tx, workspaceId);
  if (limit !== null && used + additional > limit) {
    const left = Math.max(0, limit - used);
    throw new AppError(
      "conflict",
      `Your plan allows ${limit} members (active and invited); ${used} are in use, so ${left === 0 ? "no more fit" : `only ${left} more fit`}. Upgrade your plan on the Billing tab to add more.`,
    );
  }
}
