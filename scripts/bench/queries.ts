import type pg from "pg";
import { openingStatement } from "../../lib/access/opening-statement";
import { readWorkspace } from "../../lib/access/read-workspace";
import { pipelinedTransaction } from "../../lib/db/pipelined-transaction";
import type { Db } from "../../lib/db/prisma";
import { queryRead } from "../../lib/db/sql-read";
import { Prisma } from "../../lib/generated/prisma/client";
import { invitationReadByHash } from "../../lib/team/accept-invitation";
import { ownerUserId, pendingTokenHash, workspaceId } from "./dataset";

/** What the data layer runs on: the app's read pool and the Prisma client it checks sessions with. */
export interface DataLayer {
  pool: pg.Pool;
  db: Db;
}

/** The session the benchmark signs the owner of workspace g in with (runQueryBench creates it). */
export const benchSessionToken = (g: number) => `bench-${workspaceId(g)}`;

/** A read through the app's chokepoint read path, as a page's: one round trip, RLS on the runtime role. */
const throughReadPath = (layer: DataLayer, g: number, sql: Prisma.Sql) =>
  readWorkspace(
    { sessionToken: benchSessionToken(g), ip: null, userAgent: "bench" },
    workspaceId(g),
    "workspace:read",
    () => ({ sql, map: (rows) => rows }),
    {
      pool: layer.pool,
      db: layer.db,
    },
  );

/**
 * The six queries of the seed's "Performance Benchmarks" table, each as raw SQL and through the app's
 * data layer: for tenant data, `readWorkspace` (BEGIN, the opening statement — session, membership,
 * permission, RLS binding — the query, COMMIT, pipelined in one round trip), as every page and GET
 * route reads; the membership check is the opening statement itself; the invitation token, which
 * crosses workspaces, is the invitation page's one statement on the read pool.
 */
export interface BenchQuery {
  name: string;
  /** The seed's "with index" target, in milliseconds. */
  targetMs: number;
  /** The seed's "without index" figure, in milliseconds. */
  seedWithoutIndexMs: number;
  sql: string;
  params: (g: number) => unknown[];
  /** false for the lookup the app runs without a workspace (it crosses workspaces). */
  tenantScoped: boolean;
  /** Through the app's data layer. */
  dataLayer: (layer: DataLayer, g: number) => Promise<unknown>;
}

export const QUERIES: BenchQuery[] = [
  {
    name: "Get active team members for workspace",
    targetMs: 5,
    seedWithoutIndexMs: 500,
    sql: "SELECT * FROM team_members WHERE workspace_id = $1 AND status = 'active' AND deleted_at IS NULL",
    params: (g) => [workspaceId(g)],
    tenantScoped: true,
    dataLayer: (layer, g) =>
      throughReadPath(
        layer,
        g,
        Prisma.sql`SELECT * FROM team_members WHERE workspace_id = ${workspaceId(g)}::uuid AND status = 'active' AND deleted_at IS NULL`,
      ),
  },
  {
    name: "Check user workspace membership",
    targetMs: 2,
    seedWithoutIndexMs: 300,
    sql: "SELECT id, role FROM team_members WHERE workspace_id = $1 AND user_id = $2 AND status = 'active' AND deleted_at IS NULL",
    params: (g) => [workspaceId(g), ownerUserId(g)],
    tenantScoped: true,
    // Every request's membership check is the opening statement (session → user → membership → RLS binding).
    dataLayer: (layer, g) =>
      pipelinedTransaction(layer.pool, [
        openingStatement(
          { sessionToken: benchSessionToken(g), ip: null, userAgent: null },
          workspaceId(g),
          "workspace:read",
          {
            touch: true,
          },
        ),
      ]),
  },
  {
    name: "Validate invitation token",
    targetMs: 3,
    seedWithoutIndexMs: 400,
    sql: "SELECT id, workspace_id, status, invitation_expires_at FROM team_members WHERE invitation_token_hash = $1",
    params: (g) => [pendingTokenHash(g)],
    tenantScoped: false,
    // Accepting crosses workspaces: the invitation page reads it in one statement on the read pool.
    dataLayer: (layer, g) => queryRead(layer.pool, invitationReadByHash(pendingTokenHash(g))),
  },
  {
    name: "Get billing config by workspace",
    targetMs: 1,
    seedWithoutIndexMs: 100,
    sql: "SELECT * FROM billing_config WHERE workspace_id = $1",
    params: (g) => [workspaceId(g)],
    tenantScoped: true,
    dataLayer: (layer, g) =>
      throughReadPath(layer, g, Prisma.sql`SELECT * FROM billing_config WHERE workspace_id = ${workspaceId(g)}::uuid`),
  },
  {
    name: "Get enabled integrations",
    targetMs: 3,
    seedWithoutIndexMs: 200,
    sql: "SELECT * FROM integrations_config WHERE workspace_id = $1 AND is_enabled = TRUE",
    params: (g) => [workspaceId(g)],
    tenantScoped: true,
    dataLayer: (layer, g) =>
      throughReadPath(
        layer,
        g,
        Prisma.sql`SELECT * FROM integrations_config WHERE workspace_id = ${workspaceId(g)}::uuid AND is_enabled = TRUE`,
      ),
  },
  {
    name: "Check usage limits",
    targetMs: 2,
    seedWithoutIndexMs: 150,
    sql: "SELECT traces_current_month, traces_per_month_limit, plan_status FROM billing_config WHERE workspace_id = $1",
    params: (g) => [workspaceId(g)],
    tenantScoped: true,
    dataLayer: (layer, g) =>
      throughReadPath(
        layer,
        g,
        Prisma.sql`SELECT traces_current_month, traces_per_month_limit, plan_status FROM billing_config WHERE workspace_id = ${workspaceId(g)}::uuid`,
      ),
  },
];

/** Every index of the three tables except primary keys: what "without index" drops. */
export const DROPPABLE_INDEXES_SQL = `
  SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
   WHERE t.relname IN ('team_members', 'billing_config', 'integrations_config') AND NOT x.indisprimary`;
