import type { TenantTx } from "../db/tenant-transaction";
import type { Role } from "../access/permissions";

export interface MemberView {
  id: string;
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  status: "pending" | "active" | "inactive";
  lastActiveAt: string | null;
  invitedBy: string | null;
  invitationExpiresAt: string | null;
  joinedAt: string | null;
}

/** Live members and pending invitations of the workspace (soft-deleted rows excluded). */
export async function listMembers(tx: TenantTx, workspaceId: string): Promise<MemberView[]> {
  const rows = await tx.teamMember.findMany({
    where: { workspaceId, deletedAt: null },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    take: 200,
    select: {
      id: true,
      role: true,
      status: true,
      lastActiveAt: true,
      invitationExpiresAt: true,
      joinedAt: true,
      user: { select: { id: true, name: true, email: true } },
      inviter: { select: { name: true, email: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    role: row.role as Role,
    status: row.status as MemberView["status"],
    lastActiveAt: row.lastActiveAt?.toISOString() ?? null,
    invitedBy: row.inviter ? (row.inviter.name ?? row.inviter.email) : null,
    invitationExpiresAt: row.status === "pending" ? (row.invitationExpiresAt?.toISOString() ?? null) : null,
    joinedAt: row.joinedAt?.toISOString() ?? null,
  }));
}
