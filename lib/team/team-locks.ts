import type { TenantTx } from "../db/tenant-transaction";
import { AppError } from "../errors";
import { isRole, type Role } from "../access/permissions";

/**
 * Every change to a workspace's membership first locks the workspace row, so
 * changes to one workspace's team run one after another: "at least one active
 * owner" and the member limit are decided on data nobody else is changing.
 */
export async function lockWorkspace(tx: TenantTx, workspaceId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${workspaceId}::uuid FOR UPDATE`;
}

export interface LockedMember {
  id: string;
  userId: string;
  role: Role;
  status: "pending" | "active" | "inactive";
  deletedAt: Date | null;
  email: string;
}

/** The member row, locked; 404 when it is not in this workspace (RLS hides other workspaces' rows anyway). */
export async function lockMember(tx: TenantTx, workspaceId: string, memberId: string): Promise<LockedMember> {
  const rows = await tx.$queryRaw<{ id: string; user_id: string; role: string; status: string; deleted_at: Date | null; email: string }[]>`
    SELECT tm.id, tm.user_id, tm.role, tm.status, tm.deleted_at, u.email
      FROM team_members tm JOIN users u ON u.id = tm.user_id
     WHERE tm.id = ${memberId}::uuid AND tm.workspace_id = ${workspaceId}::uuid
       FOR UPDATE OF tm`;
  const row = rows[0];
  if (!row || !isRole(row.role)) throw new AppError("not_found", "That member was not found.");
  return { id: row.id, userId: row.user_id, role: row.role, status: row.status as LockedMember["status"], deletedAt: row.deleted_at, email: row.email };
}

/**
 * Every team change starts here: lock the workspace, then re-read the actor's
 * own membership under the lock, so the decision uses the actor's role as it
 * is now, not as it was when the request started.
 */
export async function lockWorkspaceAndActor(tx: TenantTx, workspaceId: string, actorMemberId: string): Promise<LockedMember> {
  await lockWorkspace(tx, workspaceId);
  const actor = await lockMember(tx, workspaceId, actorMemberId);
  if (actor.status !== "active" || actor.deletedAt) throw new AppError("not_found", "That workspace was not found.");
  return actor;
}

/** After a change, the workspace must still have an active owner; otherwise the transaction rolls back. */
export async function assertActiveOwnerRemains(tx: TenantTx, workspaceId: string): Promise<void> {
  const owners = await tx.teamMember.count({ where: { workspaceId, role: "owner", status: "active", deletedAt: null } });
  if (owners === 0) {
    throw new AppError("conflict", "A workspace needs at least one active owner. Make someone else an owner first.");
  }
}

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
