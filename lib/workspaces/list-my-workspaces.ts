import type { Role } from "../access/permissions";
import type { Db } from "../db/prisma";

export interface MyWorkspace {
  id: string;
  name: string;
  slug: string;
  role: Role;
}

/**
 * The workspaces a user is an active member of. This crosses workspaces by
 * nature (the switcher), so it runs on the system client, scoped by the
 * session's user id only.
 */
export async function listMyWorkspaces(db: Db, userId: string): Promise<MyWorkspace[]> {
  const rows = await db.teamMember.findMany({
    where: { userId, status: "active", deletedAt: null },
    orderBy: { workspace: { name: "asc" } },
    take: 200,
    select: { role: true, workspace: { select: { id: true, name: true, slug: true } } },
  });
  return rows.map((row) => ({ ...row.workspace, role: row.role as Role }));
}
