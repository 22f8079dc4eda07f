import type { Db } from "../db/prisma";

/**
 * The hourly job: pending invitations past their expiry are retired (soft
 * deleted, so the link says "revoked or expired" and the seat is freed).
 * Crosses workspaces: system client. Returns how many it retired.
 */
export async function expireStaleInvitations(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.teamMember.updateMany({
    where: { status: "pending", deletedAt: null, invitationExpiresAt: { lt: now } },
    data: { deletedAt: now },
  });
  return count;
}
