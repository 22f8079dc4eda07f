import { sameKeyHash } from "../api-keys/key-format";
import { bearerHashOf } from "./bearer-hash";
import type { Statement } from "../db/pipelined-transaction";
import type { Actor } from "./actor";
import {
  isRole,
  KEY_SCOPES,
  keyCan,
  PERMISSIONS,
  SCOPE_FOR_PERMISSION,
  type KeyScope,
  type Permission,
  type Role,
} from "./permissions";
import type { RequestContext } from "./request-context";

/** last_active_at is written at most this often per member, not on every request. */
export const ACTIVITY_WRITE_INTERVAL_MS = 5 * 60_000;
/** An API key's last_used_at is written at most this often, not on every request. */
export const KEY_USE_WRITE_INTERVAL_MS = 60_000;

/**
 * Who the opening statement found: nobody (no live session or key: 401), someone who is not a member
 * of this workspace (a user elsewhere, a key of another workspace: 404), or an actor here, permitted or not.
 */
export type Opening =
  | { kind: "nobody"; byKey?: boolean }
  | { kind: "outsider" }
  | { kind: "inside"; actor: Actor; permitted: boolean; lastActiveAt: Date | null };

/**
 * THE FIRST STATEMENT OF EVERY WORKSPACE TRANSACTION (docs/decisions/007-one-round-trip-reads.md):
 * for a session, the database function `open_workspace_request`: session → user → live membership
 * of this workspace, read as the connection's own role; the member's activity stamped when `touch`
 * (at most once per interval, never for a refused request); then the switch to the runtime role with
 * the workspace bound for row-level security, both transaction-local. For an API key
 * (`Authorization: Bearer`, REST only), its twin `open_workspace_key_request`: the key by its hash,
 * live and of this workspace, with the scope the permission needs and a creator role that has it
 * (docs/decisions/008-api-keys-and-scopes.md). The workspace is bound only when permitted;
 * otherwise to nothing, so any statement already sent behind this one (a pipelined read) sees no rows.
 */
export function openingStatement(
  request: RequestContext,
  workspaceId: string,
  permission: Permission,
  options: { touch: boolean },
): Statement {
  const roles = PERMISSIONS[permission].join(",");
  if (request.bearer != null) {
    return {
      text: `SELECT open_workspace_key_request($1, $2::uuid, $3, string_to_array($4, ','), $5::boolean, $6::int) AS context`,
      values: [
        bearerHashOf(request),
        workspaceId,
        SCOPE_FOR_PERMISSION[permission],
        roles,
        options.touch,
        Math.round(KEY_USE_WRITE_INTERVAL_MS / 1000),
      ],
    };
  }
  return {
    text: `SELECT open_workspace_request($1, $2::uuid, string_to_array($3, ','), $4::boolean, $5::int) AS context`,
    values: [request.sessionToken, workspaceId, roles, options.touch, Math.round(ACTIVITY_WRITE_INTERVAL_MS / 1000)],
  };
}

interface MemberRow {
  user_id: string;
  email: string;
  name: string | null;
  member_id: string | null;
  role: string | null;
  last_active_at: string | null;
}

interface KeyRow {
  key_id: string;
  key_hash: string;
  name: string;
  prefix: string;
  scopes: string[];
  creator_role: string;
  created_by: string | null;
  same_workspace: boolean;
  permitted: boolean;
}

/** What the opening statement's one row says. */
export function readOpening(
  request: RequestContext,
  row: { context: unknown } | undefined,
  permission: Permission,
): Opening {
  const context = row?.context;
  if (!context) return { kind: "nobody", byKey: request.bearer != null };
  if (request.bearer != null) return readKeyOpening(bearerHashOf(request), context as KeyRow, permission);
  const found = context as MemberRow;
  if (!found.member_id || !isRole(found.role)) return { kind: "outsider" };
  const user = { id: found.user_id, email: found.email, name: found.name };
  const actor: Actor = { kind: "member", role: found.role, memberId: found.member_id, user };
  return {
    kind: "inside",
    actor,
    permitted: (PERMISSIONS[permission] as readonly Role[]).includes(found.role),
    lastActiveAt: found.last_active_at ? new Date(found.last_active_at) : null,
  };
}

function readKeyOpening(presentedHash: string, found: KeyRow, permission: Permission): Opening {
  // The database found the key by its hash; compared again here in constant time.
  if (!sameKeyHash(found.key_hash, presentedHash) || !isRole(found.creator_role))
    return { kind: "nobody", byKey: true };
  if (!found.same_workspace) return { kind: "outsider" };
  const scopes = found.scopes.filter((scope): scope is KeyScope => (KEY_SCOPES as readonly string[]).includes(scope));
  const actor: Actor = {
    kind: "key",
    role: found.creator_role,
    key: { id: found.key_id, name: found.name, prefix: found.prefix, scopes, createdBy: found.created_by },
  };
  // The database decided; the same rule in TypeScript must agree (a mismatch is a bug, refused).
  const permitted = found.permitted && keyCan(scopes, found.creator_role, permission);
  return { kind: "inside", actor, permitted, lastActiveAt: null };
}
