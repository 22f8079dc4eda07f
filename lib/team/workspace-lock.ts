import type { TenantTx } from "../db/tenant-transaction";
import { AppError } from "../errors";
import { keyLabel, type Actor } from "../access/actor";
import { isRole, type Role } from "../access/permissions";

/**
 * Every change to a workspace's membership first locks the workspace row, so
 * changes to one workspace's team run one after another: "at least one active
 * owner" and the member limit are decided on data nobody else is changing.
 */
export async function lockWorkspace(tx: TenantTx, workspaceId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${workspaceId}::uuid FOR UPDATE`;
}

export interface LockedMember {
  id: string;
  userId: string;
  role: Role;
  status: "pending" | "active" | "inactive";
  deletedAt: Date | null;
  email: string;
}

/** The member row, locked; 404 when it is not in this workspace (RLS hides other workspaces' rows anyway). */
export async function lockMember(tx: TenantTx, workspaceId: string, memberId: string): Promise<LockedMember> {
  const rows = await tx.$queryRaw<
    { id: string; user_id: string; role: string; status: string; deleted_at: Date | null; email: string }[]
  >`
    SELECT tm.id, tm.user_id, tm.role, tm.status, tm.deleted_at, u.email
      FROM team_members tm JOIN users u ON u.id = tm.user_id
     WHERE tm.id = ${memberId}::uuid AND tm.workspace_id = ${workspaceId}::uuid
       FOR UPDATE OF tm`;
  const row = rows[0];
  if (!row || !isRole(row.role)) throw new AppError("not_found", "That member was not found.");
  return {
    id: row.id,
    userId: row.user_id,
    role: row.role,
    status: row.status as LockedMember["status"],
    deletedAt: row.deleted_at,
    email: row.email,
  };
}

/**
 * Every team change starts here: lock the workspace, then re-read the actor's
 * own membership under the lock, so the decision uses the actor's role as it
 * is now, not as it was when the request started.
 */
export async function lockWorkspaceAndActor(tx: TenantTx, workspaceId: string, acting: Actor): Promise<LockedMember> {
  await lockWorkspace(tx, workspaceId);
  if (acting.kind === "key") return lockKeyActor(tx, acting);
  const actor = await lockMember(tx, workspaceId, acting.memberId);
  if (actor.status !== "active" || actor.deletedAt) throw new AppError("not_found", "That workspace was not found.");
  return actor;
}

/**
 * An API key acts with its creator's role at creation (docs/decisions/008-api-keys-and-scopes.md).
 * Re-read under the workspace lock, like a member: a key revoked meanwhile acts no more. Its id
 * (`key:<id>`) is never a member's, so "yourself" rules never match a key.
 */
async function lockKeyActor(tx: TenantTx, acting: Extract<Actor, { kind: "key" }>): Promise<LockedMember> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM api_keys
     WHERE id = ${acting.key.id}::uuid AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
       FOR SHARE`;
  if (rows.length === 0) throw new AppError("unauthorized", "This API key was revoked or has expired.");
  return {
    id: `key:${acting.key.id}`,
    userId: "",
    role: acting.role,
    status: "active",
    deletedAt: null,
    email: keyLabel(acting.key),
  };
}
