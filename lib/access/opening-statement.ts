import type { Statement } from "../db/pipelined-transaction";
import { RUNTIME_ROLE } from "../db/tenant-transaction";
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
 * session → user → live membership of this workspace, read as the connection's own
 * role, and in the same statement the switch to the runtime role with the workspace
 * bound for row-level security, both transaction-local. The workspace is bound only
 * when the member's role has `permission`; otherwise it is bound to nothing, so any
 * statement already sent behind this one (a pipelined read) sees no rows.
 *
 * Order matters and is fixed by the query's shape: the context is read (and the
 * member's activity stamped, when `touch`) in scalar subqueries evaluated before the
 * role changes, and the statement always returns exactly one row, so the role is
 * always switched. A refused request (no permission) changes nothing, not even the stamp.
 */
export function openingStatement(
  sessionToken: string,
  workspaceId: string,
  permission: Permission,
  options: { touch: boolean },
): Statement {
  return {
    text: `
WITH ctx AS MATERIALIZED (
  SELECT u.id AS user_id, u.email, u.name, tm.id AS member_id, tm.role, tm.last_active_at
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    LEFT JOIN team_members tm
      ON tm.workspace_id = $2::uuid AND tm.user_id = u.id AND tm.status = 'active' AND tm.deleted_at IS NULL
   WHERE s.session_token = $1 AND s.expires > now()
   LIMIT 1
), touched AS (
  UPDATE team_members SET last_active_at = now()
   WHERE $4::boolean AND id = (SELECT member_id FROM ctx WHERE ctx.role = ANY(string_to_array($3, ',')))
     AND deleted_at IS NULL
     AND (last_active_at IS NULL OR last_active_at < now() - make_interval(secs => $5::int))
  RETURNING id
)
SELECT (SELECT row_to_json(ctx) FROM ctx) AS context,
       (SELECT count(*) FROM touched)::int AS touched,
       set_config('role', '${RUNTIME_ROLE}', true) AS role,
       set_config('app.workspace_id',
                  COALESCE((SELECT $2::text FROM ctx WHERE ctx.role = ANY(string_to_array($3, ','))), ''),
                  true) AS workspace`,
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
