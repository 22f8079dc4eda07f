import type { Statement } from "../db/pipelined-transaction";
import { isRole, PERMISSIONS, type Permission, type Role } from "./permissions";
import type { SessionUser } from "./session-user";

/** last_active_at is written at most this often per member, not on every request. */
export const ACTIVITY_WRITE_INTERVAL_MS = 5 * 60_000;

/** Who the opening statement found: nobody (no live session), a user who is not a member here, or a member. */
export type Opening =
  | { user: null }
  | { user: SessionUser; member: null }
  | { user: SessionUser; member: { id: string; role: Role; lastActiveAt: Date | null }; permitted: boolean };

/**
 * THE FIRST STATEMENT OF EVERY WORKSPACE TRANSACTION (docs/decisions/007-one-round-trip-reads.md):
 * the database function `open_workspace_request` (its migration says what it does): session →
 * user → live membership of this workspace, read as the connection's own role; the member's
 * activity stamped when `touch` (at most once per interval, never for a refused request); then
 * the switch to the runtime role with the workspace bound for row-level security, both
 * transaction-local. The workspace is bound only when the member's role has `permission`;
 * otherwise to nothing, so any statement already sent behind this one (a pipelined read) sees
 * no rows.
 */
export function openingStatement(
  sessionToken: string,
  workspaceId: string,
  permission: Permission,
  options: { touch: boolean },
): Statement {
  return {
    text: `SELECT open_workspace_request($1, $2::uuid, string_to_array($3, ','), $4::boolean, $5::int) AS context`,
    values: [
      sessionToken,
      workspaceId,
      PERMISSIONS[permission].join(","),
      options.touch,
      Math.round(ACTIVITY_WRITE_INTERVAL_MS / 1000),
    ],
  };
}

interface ContextRow {
  user_id: string;
  email: string;
  name: string | null;
  member_id: string | null;
  role: string | null;
  last_active_at: string | null;
}

/** What the opening statement's one row says. */
export function readOpening(row: { context: ContextRow | null } | undefined, permission: Permission): Opening {
  const context = row?.context;
  if (!context) return { user: null };
  const user = { id: context.user_id, email: context.email, name: context.name };
  if (!context.member_id || !isRole(context.role)) return { user, member: null };
  const member = {
    id: context.member_id,
    role: context.role,
    lastActiveAt: context.last_active_at ? new Date(context.last_active_at) : null,
  };
  return { user, member, permitted: (PERMISSIONS[permission] as readonly Role[]).includes(context.role) };
}
