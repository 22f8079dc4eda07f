import type { Db } from "../db/prisma";

/**
 * The hourly job: pending invitations past their expiry are retired (soft
 * deleted, so the link says "revoked or expired" and the seat is freed).
 * Crosses workspaces: system client. Returns how many it retired.
 */
export async function expireStaleInvitations(db: Db, now = new Date()): Promise<number> {
  // One statement: retire the invitations and give their seats back on the Billing meter.
  const [row] = await db.$queryRaw<{ retired: bigint }[]>`
    WITH retired AS (
      UPDATE team_members SET deleted_at = ${now}
       WHERE status = 'pending' AND deleted_at IS NULL AND invitation_expires_at < ${now}
      RETURNING workspace_id
    ), freed AS (
      SELECT workspace_id, count(*) AS seats FROM retired GROUP BY workspace_id
    ), synced AS (
      UPDATE billing_config b SET team_members_current = GREATEST(0, b.team_members_current - freed.seats)
        FROM freed WHERE b.workspace_id = freed.workspace_id
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM retired) AS retired, (SELECT count(*) FROM synced) AS synced`;
  return Number(row?.retired ?? 0);
}
