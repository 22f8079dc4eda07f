import { Prisma } from "../generated/prisma/client";
import type { TenantTx } from "../db/tenant-transaction";
import type { Role } from "../access/permissions";
import type { MemberListQuery } from "./team-schemas";

export interface MemberView {
  id: string;
  /** null until the invitation is accepted: nothing about an invitee's account is shown before they join. */
  userId: string | null;
  /** The account's display name; null for pending invitations (only the invited address is shown). */
  name: string | null;
  email: string;
  role: Role;
  status: "pending" | "active" | "inactive";
  lastActiveAt: string | null;
  invitedBy: string | null;
  /** When a pending invitation was created. */
  invitedAt: string | null;
  invitationExpiresAt: string | null;
  joinedAt: string | null;
  removedAt: string | null;
}

export const MEMBERS_PAGE_SIZE = 25;

/** One row of the member queries: the membership, its person and who invited them. */
interface Row {
  id: string;
  role: string;
  status: string;
  last_active_at: Date | null;
  invitation_expires_at: Date | null;
  joined_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
  user_id: string;
  name: string | null;
  email: string;
  inviter_name: string | null;
  inviter_email: string | null;
}

function view(row: Row): MemberView {
  // An invitation reveals nothing about whether the address has an account.
  const joined = row.status !== "pending";
  return {
    id: row.id,
    userId: joined ? row.user_id : null,
    name: joined ? row.name : null,
    email: row.email,
    role: row.role as Role,
    status: row.status as MemberView["status"],
    lastActiveAt: row.last_active_at?.toISOString() ?? null,
    invitedBy: row.inviter_email ? (row.inviter_name ?? row.inviter_email) : null,
    invitedAt: row.status === "pending" ? row.created_at.toISOString() : null,
    invitationExpiresAt: row.status === "pending" ? (row.invitation_expires_at?.toISOString() ?? null) : null,
    joinedAt: row.joined_at?.toISOString() ?? null,
    removedAt: row.deleted_at?.toISOString() ?? null,
  };
}

export interface MemberList {
  members: MemberView[];
  total: number;
  page: number;
  pageCount: number;
  /** Removed members (restorable); revoked invitations are not listed. */
  removed: MemberView[];
}

/**
 * Members and pending invitations with server-side search (email; names only of
 * people who joined) and pagination. Plain SQL, one statement at a time: Prisma
 * loads relations with extra queries that overlap on a transaction's connection.
 */
export async function listMembers(
  tx: TenantTx,
  workspaceId: string,
  query: MemberListQuery = { page: 1 },
): Promise<MemberList> {
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, "\\$&")}%` : null;
  const matches = Prisma.sql`(${pattern}::text IS NULL OR u.email ILIKE ${pattern}
      OR (tm.status <> 'pending' AND u.name ILIKE ${pattern}))`;
  const counted = await tx.$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS total FROM team_members tm JOIN users u ON u.id = tm.user_id
     WHERE tm.workspace_id = ${workspaceId}::uuid AND tm.deleted_at IS NULL AND ${matches}`;
  const total = counted[0]?.total ?? 0n;
  const rows = await tx.$queryRaw<Row[]>`
    ${SELECT_ROWS}
     WHERE tm.workspace_id = ${workspaceId}::uuid AND tm.deleted_at IS NULL AND ${matches}
     ORDER BY tm.created_at, tm.id
     LIMIT ${MEMBERS_PAGE_SIZE} OFFSET ${(query.page - 1) * MEMBERS_PAGE_SIZE}`;
  const removed = await tx.$queryRaw<Row[]>`
    ${SELECT_ROWS}
     WHERE tm.workspace_id = ${workspaceId}::uuid AND tm.deleted_at IS NOT NULL AND tm.status <> 'pending'
       AND ${matches}
     ORDER BY tm.deleted_at DESC
     LIMIT 50`;
  return {
    members: rows.map(view),
    total: Number(total),
    page: query.page,
    pageCount: Math.max(1, Math.ceil(Number(total) / MEMBERS_PAGE_SIZE)),
    removed: removed.map(view),
  };
}

const SELECT_ROWS = Prisma.sql`
  SELECT tm.id, tm.role, tm.status, tm.last_active_at, tm.invitation_expires_at, tm.joined_at, tm.deleted_at,
         tm.created_at, u.id AS user_id, u.name, u.email, inviter.name AS inviter_name, inviter.email AS inviter_email
    FROM team_members tm
    JOIN users u ON u.id = tm.user_id
    LEFT JOIN users inviter ON inviter.id = tm.invited_by`;
