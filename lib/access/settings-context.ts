import "server-only";
import { cache } from "react";
import { preparedQuery } from "../db/prepared-statement";
import { readPool } from "../db/read-pool";
import type { MyWorkspace } from "../workspaces/list-my-workspaces";
import { workspaceIdSchema } from "./ids";
import { currentRequestContext } from "./next-request-context";
import { isRole, type Role } from "./permissions";
import { MAX_SESSION_TOKEN_LENGTH, type SessionUser } from "./session-user";

/** What a deactivated member is told: which workspace, and whom to ask. */
export interface DeactivatedAccess {
  workspaceName: string;
  /** An active owner's display name (or address); null if the workspace has none. */
  ownerName: string | null;
}

/** Who is looking at a workspace's settings, as the layout needs it. */
export type SettingsContext =
  | { kind: "signed-out" }
  | { kind: "not-found" }
  | { kind: "deactivated"; access: DeactivatedAccess }
  | {
      kind: "member";
      user: SessionUser;
      role: Role;
      memberId: string;
      workspace: { id: string; name: string };
      /** The plan's status (past_due and suspended put a banner on every settings page). */
      planStatus: string | null;
      /** The user's workspaces, for the switcher. */
      workspaces: MyWorkspace[];
    };

/**
 * The settings layout's request context in ONE statement, once per request
 * (React `cache`: the layout and the page share it): session → user, their
 * membership of this workspace and its name, their workspaces for the switcher,
 * and, for a deactivated member only, an owner to ask. It reads the caller's own
 * rows by the session's user id on the connection's own role, like the system
 * client (the switcher crosses workspaces by nature); the page's data goes
 * through `readWorkspace`, which checks the membership again in its own
 * transaction. See docs/decisions/007-one-round-trip-reads.md.
 */
export const settingsContext = cache(async (rawWorkspaceId: string): Promise<SettingsContext> => {
  const { sessionToken } = await currentRequestContext();
  if (!sessionToken || sessionToken.length > MAX_SESSION_TOKEN_LENGTH) return { kind: "signed-out" };
  const parsed = workspaceIdSchema.safeParse(rawWorkspaceId);
  const { rows } = await readPool().query(
    preparedQuery(SETTINGS_CONTEXT_SQL, [sessionToken, parsed.success ? parsed.data : null]),
  );
  const row = rows[0] as Row | undefined;
  if (!row) return { kind: "signed-out" };
  const membership = row.membership;
  if (membership?.status === "inactive") {
    return { kind: "deactivated", access: { workspaceName: membership.workspace_name, ownerName: row.owner_name } };
  }
  if (!membership || membership.status !== "active" || !isRole(membership.role)) return { kind: "not-found" };
  return {
    kind: "member",
    user: row.user,
    role: membership.role,
    memberId: membership.id,
    workspace: { id: parsed.data!, name: membership.workspace_name },
    planStatus: membership.plan_status,
    workspaces: row.workspaces.filter((w) => isRole(w.role)),
  };
});

interface Row {
  user: SessionUser;
  membership: { id: string; role: string; status: string; workspace_name: string; plan_status: string | null } | null;
  workspaces: MyWorkspace[];
  owner_name: string | null;
}

const SETTINGS_CONTEXT_SQL = `
WITH me AS (
  SELECT u.id, u.email, u.name FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.session_token = $1 AND s.expires > now()
), membership AS (
  SELECT tm.id, tm.role, tm.status, w.name AS workspace_name, b.plan_status
    FROM me JOIN team_members tm ON tm.user_id = me.id
    JOIN workspaces w ON w.id = tm.workspace_id
    LEFT JOIN billing_config b ON b.workspace_id = w.id
   WHERE tm.workspace_id = $2::uuid AND tm.deleted_at IS NULL AND tm.status IN ('active', 'inactive')
   LIMIT 1
)
SELECT row_to_json(me) AS user,
       (SELECT row_to_json(membership) FROM membership) AS membership,
       (SELECT COALESCE(json_agg(mine ORDER BY mine.name, mine.id), '[]'::json) FROM (
          SELECT w.id, w.name, w.slug, tm.role
            FROM team_members tm JOIN workspaces w ON w.id = tm.workspace_id
           WHERE tm.user_id = me.id AND tm.status = 'active' AND tm.deleted_at IS NULL
           ORDER BY w.name, w.id
           LIMIT 200) mine) AS workspaces,
       (SELECT COALESCE(u.name, u.email)
          FROM membership JOIN team_members tm ON tm.workspace_id = $2::uuid
          JOIN users u ON u.id = tm.user_id
         WHERE membership.status = 'inactive' AND tm.role = 'owner' AND tm.status = 'active' AND tm.deleted_at IS NULL
         ORDER BY tm.created_at, tm.id
         LIMIT 1) AS owner_name
  FROM me`;
