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
  const db = options.db ?? systemDb();
  const workspaceId = await admitWorkspaceId(request, rawWorkspaceId, db);
  // A read that cannot be built (a malformed query string) is refused only after the checks, so the
  // order of answers stays 401 → 404 → 403 → 400 (docs/decisions/006-rest-runs-the-action-definitions.md).
  let built: SqlRead<T> | undefined;
  let buildError: unknown;
  try {
    built = read(workspaceId);
  } catch (error) {
    buildError = error;
  }
  const statements = [openingStatement(request, workspaceId, permission, { touch: true })];
  if (built) statements.push({ text: built.sql.text, values: built.sql.values });
  const [opened, result] = await pipelinedTransaction(options.pool ?? readPool(), statements);
  const { actor } = admittedActor(readOpening(request, opened!.rows[0], permission));
  if (!built) throw buildError;
  return { data: built.map(result!.rows), workspaceId, actor };
}
