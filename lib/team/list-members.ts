import { z } from "zod";
import { decodeCursor, encodeCursor } from "../api/cursor";
import { Prisma } from "../generated/prisma/client";
import { isoOrNull, runRead, type SqlRead } from "../db/sql-read";
import type { TenantTx } from "../db/tenant-transaction";
import type { Role } from "../access/permissions";
import { seatsUsedSql } from "./seat-limit";
import type { MemberListQuery } from "./team-schemas";
import { activeOwnersSql, type WorkspaceOwner } from "./workspace-contacts";

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
  /** Changes whenever the member does: send it as `If-Match` with PATCH so a stale change is refused (412). */
  etag: string;
}

export const MEMBERS_PAGE_SIZE = 25;

/** One member row as the SQL below builds it (JSON: timestamps arrive as ISO text). */
interface Row {
  id: string;
  role: string;
  status: string;
  last_active_at: string | null;
  invitation_expires_at: string | null;
  joined_at: string | null;
  deleted_at: string | null;
  created_at: string;
  user_id: string;
  name: string | null;
  email: string;
  inviter_name: string | null;
  inviter_email: string | null;
  etag: string;
}

function view(row: Row): MemberView {
  // An invitation reveals nothing about whether the address has an account.
  const joined = row.status !== "pending";
  const pending = row.status === "pending";
  return {
    id: row.id,
    userId: joined ? row.user_id : null,
    name: joined ? row.name : null,
    email: row.email,
    role: row.role as Role,
    status: row.status as MemberView["status"],
    lastActiveAt: isoOrNull(row.last_active_at),
    invitedBy: row.inviter_email ? (row.inviter_name ?? row.inviter_email) : null,
    invitedAt: pending ? isoOrNull(row.created_at) : null,
    invitationExpiresAt: pending ? isoOrNull(row.invitation_expires_at) : null,
    joinedAt: isoOrNull(row.joined_at),
    removedAt: isoOrNull(row.deleted_at),
    etag: `"${row.etag}"`,
  };
}

export interface MemberList {
  members: MemberView[];
  total: number;
  page: number;
  pageCount: number;
  /** Removed members (restorable); revoked invitations are not listed. */
  removed: MemberView[];
  /** The cursor for the next page (REST `cursor`), or null on the last page. */
  next_cursor: string | null;
}

/**
 * The member list's columns, as one SQL select list: members and pending invitations with
 * server-side search (email; names only of people who joined) and pagination, their total,
 * and removed members. Each is a subquery on the workspace's indexes; rows come back as JSON
 * with their person and inviter joined, so the whole list is one statement.
 */
function memberListColumns(workspaceId: string, query: MemberListQuery): Prisma.Sql {
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, "\\$&")}%` : null;
  const matches = Prisma.sql`(${pattern}::text IS NULL OR u.email ILIKE ${pattern}
      OR (tm.status <> 'pending' AND u.name ILIKE ${pattern}))`;
  const size = query.limit ?? MEMBERS_PAGE_SIZE;
  const after = query.cursor ? decodeCursor(query.cursor, memberCursorShape) : null;
  const keyset = after
    ? Prisma.sql`AND (tm.created_at, tm.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
    : Prisma.empty;
  const window = after
    ? Prisma.sql`LIMIT ${size + 1}`
    : Prisma.sql`LIMIT ${size + 1} OFFSET ${(query.page - 1) * size}`;
  return Prisma.sql`
    (SELECT count(*)::int FROM team_members tm JOIN users u ON u.id = tm.user_id
      WHERE tm.workspace_id = ${workspaceId}::uuid AND tm.deleted_at IS NULL AND ${matches}) AS total,
    (SELECT COALESCE(json_agg(page ORDER BY page.created_at, page.id), '[]'::json) FROM (
       ${SELECT_ROWS}
        WHERE tm.workspace_id = ${workspaceId}::uuid AND tm.deleted_at IS NULL AND ${matches} ${keyset}
        ORDER BY tm.created_at, tm.id
        ${window}) page) AS members,
    (SELECT COALESCE(json_agg(gone ORDER BY gone.deleted_at DESC, gone.id), '[]'::json) FROM (
       ${SELECT_ROWS}
        WHERE tm.workspace_id = ${workspaceId}::uuid AND tm.deleted_at IS NOT NULL AND tm.status <> 'pending'
          AND ${matches}
        ORDER BY tm.deleted_at DESC, tm.id
        LIMIT 50) gone) AS removed`;
}

function memberListOf(row: Record<string, unknown> | undefined, query: MemberListQuery): MemberList {
  const total = Number(row?.total ?? 0);
  const size = query.limit ?? MEMBERS_PAGE_SIZE;
  const rows = (row?.members as Row[] | undefined) ?? [];
  const last = rows.length > size ? rows[size - 1]! : null;
  return {
    members: rows.slice(0, size).map(view),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / size)),
    removed: ((row?.removed as Row[] | undefined) ?? []).map(view),
    next_cursor: last ? encodeCursor([isoOrNull(last.created_at)!, last.id]) : null,
  };
}

const memberCursorShape = z.tuple([z.iso.datetime({ offset: true }), z.guid()]);

/** The member list (the Team JSON API) in one statement. */
export function memberListRead(workspaceId: string, query: MemberListQuery = { page: 1 }): SqlRead<MemberList> {
  return {
    sql: Prisma.sql`SELECT ${memberListColumns(workspaceId, query)}`,
    map: (rows) => memberListOf(rows[0], query),
  };
}

/** The member list inside a transaction already bound to the workspace. */
export function listMembers(
  tx: TenantTx,
  workspaceId: string,
  query: MemberListQuery = { page: 1 },
): Promise<MemberList> {
  return runRead(tx, memberListRead(workspaceId, query));
}

export interface TeamPageData {
  list: MemberList;
  seats: { used: number; limit: number | null };
  /** Active owners, oldest first: whom to ask, and whether the viewer is the last one. */
  owners: WorkspaceOwner[];
}

/** Everything the Team tab shows, in one statement: the member list, seats in use and the plan's limit, owners. */
export function teamPageRead(workspaceId: string, query: MemberListQuery = { page: 1 }): SqlRead<TeamPageData> {
  return {
    sql: Prisma.sql`SELECT ${memberListColumns(workspaceId, query)},
      (${seatsUsedSql(workspaceId)}) AS seats_used,
      (SELECT team_members_limit FROM billing_config WHERE workspace_id = ${workspaceId}::uuid) AS seats_limit,
      (${activeOwnersSql(workspaceId)}) AS owners`,
    map: (rows) => {
      const row = rows[0];
      return {
        list: memberListOf(row, query),
        seats: { used: Number(row?.seats_used ?? 0), limit: row?.seats_limit == null ? null : Number(row.seats_limit) },
        owners: (row?.owners as WorkspaceOwner[] | undefined) ?? [],
      };
    },
  };
}

/**
 * A member's version for ETag / If-Match: a digest of what a change can alter (role, status, removal,
 * and updated_at), so any change to the member — by the app or anything else — gives a new one.
 */
export const memberEtagSql = Prisma.sql`substr(md5(concat_ws('|', tm.id, tm.role, tm.status, tm.deleted_at, tm.updated_at)), 1, 20)`;

const SELECT_ROWS = Prisma.sql`
  SELECT tm.id, tm.role, tm.status, tm.last_active_at, tm.invitation_expires_at, tm.joined_at, tm.deleted_at,
         tm.created_at, u.id AS user_id, u.name, u.email, inviter.name AS inviter_name, inviter.email AS inviter_email,
         ${memberEtagSql} AS etag
    FROM team_members tm
    JOIN users u ON u.id = tm.user_id
    LEFT JOIN users inviter ON inviter.id = tm.invited_by`;
