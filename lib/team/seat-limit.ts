import type { TenantTx } from "../db/tenant-transaction";
import { AppError } from "../errors";

/** Active members plus pending invitations: what the plan's member limit counts. */
export async function countSeats(tx: TenantTx, workspaceId: string): Promise<{ used: number; limit: number | null }> {
  const [used, billing] = await Promise.all([
    tx.teamMember.count({ where: { workspaceId, deletedAt: null, status: { in: ["active", "pending"] } } }),
    tx.billingConfig.findUnique({ where: { workspaceId }, select: { teamMembersLimit: true } }),
  ]);
  return { used, limit: billing?.teamMembersLimit ?? null };
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
