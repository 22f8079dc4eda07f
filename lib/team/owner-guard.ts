import type { TenantTx } from "../db/tenant-transaction";
import { AppError } from "../errors";

/** After a change, the workspace must still have an active owner; otherwise the transaction rolls back. */
export async function assertActiveOwnerRemains(tx: TenantTx, workspaceId: string): Promise<void> {
  const owners = await tx.teamMember.count({
    where: { workspaceId, role: "owner", status: "active", deletedAt: null },
  });
  if (owners === 0) {
    throw new AppError("conflict", "A workspace needs at least one active owner. Make someone else an owner first.");
  }
}
