import type { TenantTx } from "../db/tenant-transaction";

export interface WorkspaceOwner {
  memberId: string;
  /** The display name, else the address. */
  name: string;
}

/**
 * The workspace's active owners, oldest first: whom to ask for what only an owner can do, and
 * whether the actor is the last one. Runs in the request's tenant transaction.
 */
export async function listActiveOwners(tx: TenantTx, workspaceId: string): Promise<WorkspaceOwner[]> {
  const rows = await tx.teamMember.findMany({
    where: { workspaceId, role: "owner", status: "active", deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 20,
    select: { id: true, user: { select: { name: true, email: true } } },
  });
  return rows.map((row) => ({ memberId: row.id, name: row.user.name ?? row.user.email }));
}
