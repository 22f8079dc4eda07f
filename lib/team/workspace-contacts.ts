import { Prisma } from "../generated/prisma/client";

export interface WorkspaceOwner {
  memberId: string;
  /** The display name, else the address. */
  name: string;
}

/** The workspace's active owners, oldest first, as a JSON array of `WorkspaceOwner` (at most 20). */
export function activeOwnersSql(workspaceId: string): Prisma.Sql {
  return Prisma.sql`SELECT COALESCE(json_agg(json_build_object('memberId', o.id, 'name', o.name) ORDER BY o.created_at, o.id),
                          '[]'::json)
      FROM (SELECT tm.id, tm.created_at, COALESCE(u.name, u.email) AS name
              FROM team_members tm JOIN users u ON u.id = tm.user_id
             WHERE tm.workspace_id = ${workspaceId}::uuid AND tm.role = 'owner' AND tm.status = 'active'
               AND tm.deleted_at IS NULL
             ORDER BY tm.created_at, tm.id
             LIMIT 20) o`;
}
