import type pg from "pg";
import { pipelinedTransaction } from "../db/pipelined-transaction";
import { systemDb, type Db } from "../db/prisma";
import { readPool } from "../db/read-pool";
import type { SqlRead } from "../db/sql-read";
import { openingStatement, readOpening } from "./opening-statement";
import type { Actor } from "./actor";
import type { Permission } from "./permissions";
import type { RequestContext } from "./request-context";
import { admitWorkspaceId, admittedActor } from "./with-workspace";

export interface WorkspaceRead<T> {
  data: T;
  workspaceId: string;
  actor: Actor;
}

/**
 * THE CHOKEPOINT'S READ PATH, for pages and GET routes: the same checks as
 * `withWorkspace` (session, live membership, permission, row-level security on
 * the runtime role), with the read sent in the same round trip: BEGIN, the
 * opening statement, the read, COMMIT. The read is sent before the checks
 * answer; the opening statement binds the workspace only for a permitted
 * member, so for anyone else it sees no rows, and its result is dropped.
 * See docs/decisions/007-one-round-trip-reads.md.
 */
export async function readWorkspace<T>(
  request: RequestContext,
  rawWorkspaceId: unknown,
  permission: Permission,
  read: (workspaceId: string) => SqlRead<T>,
  options: { pool?: pg.Pool; db?: Db } = {},
): Promise<WorkspaceRead<T>> {
  const { results, workspaceId, actor } = await runWorkspaceStatements(
    request,
    rawWorkspaceId,
    permission,
    (id) => [read(id)],
    options,
  );
  return { data: results[0] as T, workspaceId, actor };
}

/**
 * The same path for several statements (a write with its idempotency lookup, say): each built read
 * is sent in order behind the opening statement, all in one transaction and one round trip. Each
 * statement must be harmless when the opening bound no workspace (it then sees no rows).
 */
export async function runWorkspaceStatements(
  request: RequestContext,
  rawWorkspaceId: unknown,
  permission: Permission,
  build: (workspaceId: string) => SqlRead<unknown>[],
  options: { pool?: pg.Pool; db?: Db } = {},
): Promise<{ results: unknown[]; workspaceId: string; actor: Actor }> {
  const db = options.db ?? systemDb();
  const workspaceId = await admitWorkspaceId(request, rawWorkspaceId, db);
  // A read that cannot be built (a malformed query string) is refused only after the checks, so the
  // order of answers stays 401 → 404 → 403 → 400 (docs/decisions/006-rest-runs-the-action-definitions.md).
  let built: SqlRead<unknown>[] | undefined;
  let buildError: unknown;
  try {
    built = build(workspaceId);
  } catch (error) {
    buildError = error;
  }
  const statements = [openingStatement(request, workspaceId, permission, { touch: true })];
  for (const read of built ?? []) statements.push({ text: read.sql.text, values: read.sql.values });
  const [opened, ...answers] = await pipelinedTransaction(options.pool ?? readPool(), statements);
  const { actor } = admittedActor(readOpening(request, opened!.rows[0], permission), permission);
  if (!built) throw buildError;
  return { results: built.map((read, i) => read.map(answers[i]!.rows)), workspaceId, actor };
}
