import { workspaceIdSchema } from "./ids";
import { systemDb, type Db } from "../db/prisma";
import type { TenantTx } from "../db/tenant-transaction";
import { forbidden, notFound, unauthorized } from "../errors";
import { logger } from "../logger";
import { ACTIVITY_WRITE_INTERVAL_MS, openingStatement, readOpening, type Opening } from "./opening-statement";
import type { Permission, Role } from "./permissions";
import type { RequestContext } from "./request-context";
import { MAX_SESSION_TOKEN_LENGTH, sessionUser, type SessionUser } from "./session-user";

/** Everything a workspace-scoped handler gets: the RLS-bound transaction and who is acting. */
export interface WorkspaceContext {
  tx: TenantTx;
  workspaceId: string;
  user: SessionUser;
  member: { id: string; role: Role };
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

export { ACTIVITY_WRITE_INTERVAL_MS };

/** Session → user, or 401. */
export async function requireUser(request: RequestContext, db: Db = systemDb()): Promise<SessionUser> {
  const user = await sessionUser(db, request.sessionToken);
  if (!user) throw unauthorized();
  return user;
}

/** The permitted member the opening statement found, or the refusal: 401, 404 or 403. */
export function admittedMember(opening: Opening): {
  user: SessionUser;
  member: { id: string; role: Role; lastActiveAt: Date | null };
} {
  if (!opening.user) throw unauthorized();
  if (!opening.member) throw notFound();
  if (!opening.permitted) throw forbidden();
  return { user: opening.user, member: opening.member };
}

/**
 * The request's workspace id, or the refusal a caller gets without touching the workspace:
 * no usable session token → 401; a malformed id → 404 for a signed-in user (401 otherwise).
 */
export async function admitWorkspaceId(request: RequestContext, rawWorkspaceId: unknown, db: Db): Promise<string> {
  const token = request.sessionToken;
  if (!token || token.length > MAX_SESSION_TOKEN_LENGTH) throw unauthorized();
  const parsed = workspaceIdSchema.safeParse(rawWorkspaceId);
  if (parsed.success) return parsed.data;
  await requireUser(request, db);
  throw notFound();
}

/**
 * THE CHOKEPOINT. Every server action, route handler and page that touches a
 * workspace goes through here (reads through its one-round-trip twin,
 * `readWorkspace`): session → live membership read from the database (active,
 * not deleted) → permission → `work` inside one transaction on the runtime role
 * with row-level security bound to this workspace. The first three are one
 * statement, the transaction's first (lib/access/opening-statement.ts). A
 * workspace the user is not an active member of is "not found", whether or not
 * it exists.
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
      const opening = openingStatement(request.sessionToken!, workspaceId, permission, { touch: false });
      const rows = await tx.$queryRawUnsafe<{ context: never }[]>(opening.text, ...opening.values);
      const { user, member } = admittedMember(readOpening(rows[0], permission));
      const result = await work({
        tx,
        workspaceId,
        user,
        member: { id: member.id, role: member.role },
        request,
        onRollback,
      });
      // Last, so the request's own locks (a team change locks the workspace first) are taken in a
      // consistent order and two concurrent team changes cannot deadlock on this row.
      if (!member.lastActiveAt || Date.now() - member.lastActiveAt.getTime() > ACTIVITY_WRITE_INTERVAL_MS) {
        await tx.teamMember.updateMany({
          where: { id: member.id, deletedAt: null },
          data: { lastActiveAt: new Date() },
        });
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
