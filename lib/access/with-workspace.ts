import { isWellFormedApiKey } from "../api-keys/key-format";
import { bearerHashOf } from "./bearer-hash";
import { workspaceIdSchema } from "./ids";
import { systemDb, type Db } from "../db/prisma";
import type { TenantTx } from "../db/tenant-transaction";
import { forbidden, notFound, unauthorized } from "../errors";
import { logger } from "../logger";
import { consumeKeyRequest } from "../rate-limit/api-key-limits";
import type { Actor } from "./actor";
import { keyForbidden, keyUnauthorized, restUnauthorized } from "./key-refusals";
import {
  ACTIVITY_WRITE_INTERVAL_MS,
  KEY_USE_WRITE_INTERVAL_MS,
  openingStatement,
  readOpening,
  type Opening,
} from "./opening-statement";
import type { Permission } from "./permissions";
import type { RequestContext } from "./request-context";
import { MAX_SESSION_TOKEN_LENGTH, sessionUser, type SessionUser } from "./session-user";

/** Everything a workspace-scoped handler gets: the RLS-bound transaction and who is acting. */
export interface WorkspaceContext {
  tx: TenantTx;
  workspaceId: string;
  /** A signed-in member, or an API key (REST only). */
  actor: Actor;
  request: RequestContext;
  /** Registers an undo for something done outside the transaction (a rate-limit budget taken), run if it rolls back. */
  onRollback: (undo: () => Promise<void>) => void;
}

export interface UserContext {
  user: SessionUser;
  request: RequestContext;
  /** Registers an undo for something done outside the database (a rate-limit budget taken), run if the work fails. */
  onRollback: (undo: () => Promise<void>) => void;
}

/**
 * Runs `work` with an undo list: when it throws (a rolled-back transaction, a
 * failed step), every registered undo runs before the error goes on.
 */
async function withUndos<T>(work: (onRollback: (undo: () => Promise<void>) => void) => Promise<T>): Promise<T> {
  const undos: (() => Promise<void>)[] = [];
  try {
    return await work((undo) => undos.push(undo));
  } catch (error) {
    await Promise.all(
      undos.map((undo) => undo().catch((e: Error) => logger.warn({ error: e.message }, "undo failed"))),
    );
    throw error;
  }
}

export { workspaceIdSchema };

export { ACTIVITY_WRITE_INTERVAL_MS, KEY_USE_WRITE_INTERVAL_MS };

/** Session → user, or 401. */
export async function requireUser(request: RequestContext, db: Db = systemDb()): Promise<SessionUser> {
  const user = await sessionUser(db, request.sessionToken);
  if (!user) throw unauthorized();
  return user;
}

/** The permitted actor the opening statement found, or the refusal: 401, 404 or 403 (worded for a key too). */
export function admittedActor(opening: Opening, permission: Permission): { actor: Actor; lastActiveAt: Date | null } {
  if (opening.kind === "nobody") throw opening.byKey ? keyUnauthorized() : unauthorized();
  if (opening.kind === "outsider") throw notFound();
  if (!opening.permitted) throw opening.actor.kind === "key" ? keyForbidden(opening.actor, permission) : forbidden();
  return { actor: opening.actor, lastActiveAt: opening.lastActiveAt };
}

/**
 * The request's workspace id, or the refusal a caller gets without touching the workspace:
 * no usable session token → 401; an API key that is malformed or fails its checksum → 401 without
 * any database work; a key over its per-minute budget → 429; a malformed id → 404 for a signed-in
 * user or a live key (401 otherwise).
 */
export async function admitWorkspaceId(request: RequestContext, rawWorkspaceId: unknown, db: Db): Promise<string> {
  const parsed = workspaceIdSchema.safeParse(rawWorkspaceId);
  if (request.bearer != null) {
    if (!isWellFormedApiKey(request.bearer)) throw keyUnauthorized();
    const keyHash = bearerHashOf(request);
    request.rateLimit = await consumeKeyRequest(keyHash);
    if (parsed.success) return parsed.data;
    const live = await db.apiKey.count({
      where: { keyHash, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    });
    throw live ? notFound() : keyUnauthorized();
  }
  const token = request.sessionToken;
  if (!token) throw request.rest ? restUnauthorized() : unauthorized();
  if (token.length > MAX_SESSION_TOKEN_LENGTH) throw unauthorized();
  if (parsed.success) return parsed.data;
  await requireUser(request, db);
  throw notFound();
}

/** When the actor's activity stamp is stale: a member's last_active_at, a key's last_used_at. */
function activityIsStale(actor: Actor, lastActiveAt: Date | null): boolean {
  const interval = actor.kind === "member" ? ACTIVITY_WRITE_INTERVAL_MS : KEY_USE_WRITE_INTERVAL_MS;
  return !lastActiveAt || Date.now() - lastActiveAt.getTime() > interval;
}

/**
 * THE CHOKEPOINT. Every server action, route handler and page that touches a
 * workspace goes through here (reads through its one-round-trip twin,
 * `readWorkspace`): session → live membership read from the database (active,
 * not deleted) → permission → `work` inside one transaction on the runtime role
 * with row-level security bound to this workspace. The first three are one
 * statement, the transaction's first (lib/access/opening-statement.ts). A
 * workspace the user is not an active member of is "not found", whether or not
 * it exists. REST requests may instead present an API key (`Authorization:
 * Bearer`): the same statement finds the live key, its workspace and its scope
 * (docs/decisions/008-api-keys-and-scopes.md); no route checks keys itself.
 */
export async function withWorkspace<T>(
  request: RequestContext,
  rawWorkspaceId: unknown,
  permission: Permission,
  work: (ctx: WorkspaceContext) => Promise<T>,
  db: Db = systemDb(),
): Promise<T> {
  const workspaceId = await admitWorkspaceId(request, rawWorkspaceId, db);
  return withUndos((onRollback) =>
    db.$transaction(async (tx) => {
      const opening = openingStatement(request, workspaceId, permission, { touch: false });
      const rows = await tx.$queryRawUnsafe<{ context: never }[]>(opening.text, ...opening.values);
      const { actor, lastActiveAt } = admittedActor(readOpening(request, rows[0], permission), permission);
      const result = await work({ tx, workspaceId, actor, request, onRollback });
      // Last, so the request's own locks (a team change locks the workspace first) are taken in a
      // consistent order and two concurrent team changes cannot deadlock on this row.
      if (activityIsStale(actor, lastActiveAt)) {
        if (actor.kind === "member") {
          await tx.teamMember.updateMany({
            where: { id: actor.memberId, deletedAt: null },
            data: { lastActiveAt: new Date() },
          });
        } else {
          await tx.apiKey.updateMany({ where: { id: actor.key.id }, data: { lastUsedAt: new Date() } });
        }
      }
      return result;
    }),
  );
}

/** For the few actions that need a signed-in user but no workspace (create one, list mine). */
export async function withUser<T>(
  request: RequestContext,
  work: (ctx: UserContext) => Promise<T>,
  db: Db = systemDb(),
): Promise<T> {
  const user = await requireUser(request, db);
  return withUndos((onRollback) => work({ user, request, onRollback }));
}
