import type { Db } from "../../lib/db/prisma";
import { tenantTransaction } from "../../lib/db/tenant-transaction";
import { ownerUserId, pendingTokenHash, workspaceId } from "./dataset";

/** The six queries of the seed's "Performance Benchmarks" table, each as raw SQL and through the app's data layer. */
export interface BenchQuery {
  name: string;
  /** The seed's "with index" target, in milliseconds. */
  targetMs: number;
  /** The seed's "without index" figure, in milliseconds. */
  seedWithoutIndexMs: number;
  sql: string;
  params: (g: number) => unknown[];
  /** false for the lookup the app runs on the system client (it crosses workspaces). */
  tenantScoped: boolean;
  /** Through the app: the tenant-scoped client under RLS, or the system client where the app uses it. */
  dataLayer: (db: Db, g: number) => Promise<unknown>;
}

export const QUERIES: BenchQuery[] = [
  {
    name: "Get active team members for workspace",
    targetMs: 5,
    seedWithoutIndexMs: 500,
    sql: "SELECT * FROM team_members WHERE workspace_id = $1 AND status = 'active' AND deleted_at IS NULL",
    params: (g) => [workspaceId(g)],
    tenantScoped: true,
    dataLayer: (db, g) =>
      tenantTransaction(db, workspaceId(g), (tx) =>
        tx.teamMember.findMany({ where: { workspaceId: workspaceId(g), status: "active", deletedAt: null } }),
      ),
  },
  {
    name: "Check user workspace membership",
    targetMs: 2,
    seedWithoutIndexMs: 300,
    sql: "SELECT id, role FROM team_members WHERE workspace_id = $1 AND user_id = $2 AND status = 'active' AND deleted_at IS NULL",
    params: (g) => [workspaceId(g), ownerUserId(g)],
    tenantScoped: true,
    dataLayer: (db, g) =>
      tenantTransaction(db, workspaceId(g), (tx) =>
        tx.teamMember.findFirst({
          where: { workspaceId: workspaceId(g), userId: ownerUserId(g), status: "active", deletedAt: null },
          select: { id: true, role: true },
        }),
      ),
  },
  {
    name: "Validate invitation token",
    targetMs: 3,
    seedWithoutIndexMs: 400,
    sql: "SELECT id, workspace_id, status, invitation_expires_at FROM team_members WHERE invitation_token_hash = $1",
    params: (g) => [pendingTokenHash(g)],
    tenantScoped: false,
    // Accepting crosses workspaces: the app reads it on the system client (lib/team/accept-invitation.ts).
    dataLayer: (db, g) =>
      db.teamMember.findUnique({
        where: { invitationTokenHash: pendingTokenHash(g) },
        select: { id: true, workspaceId: true, status: true, invitationExpiresAt: true },
      }),
  },
  {
    name: "Get billing config by workspace",
    targetMs: 1,
    seedWithoutIndexMs: 100,
    sql: "SELECT * FROM billing_config WHERE workspace_id = $1",
    params: (g) => [workspaceId(g)],
    tenantScoped: true,
    dataLayer: (db, g) =>
      tenantTransaction(db, workspaceId(g), (tx) =>
        tx.billingConfig.findUnique({ where: { workspaceId: workspaceId(g) } }),
      ),
  },
  {
    name: "Get enabled integrations",
    targetMs: 3,
    seedWithoutIndexMs: 200,
    sql: "SELECT * FROM integrations_config WHERE workspace_id = $1 AND is_enabled = TRUE",
    params: (g) => [workspaceId(g)],
    tenantScoped: true,
    dataLayer: (db, g) =>
      tenantTransaction(db, workspaceId(g), (tx) =>
        tx.integrationConfig.findMany({ where: { workspaceId: workspaceId(g), isEnabled: true } }),
      ),
  },
  {
    name: "Check usage limits",
    targetMs: 2,
    seedWithoutIndexMs: 150,
    sql: "SELECT traces_current_month, traces_per_month_limit, plan_status FROM billing_config WHERE workspace_id = $1",
    params: (g) => [workspaceId(g)],
    tenantScoped: true,
    dataLayer: (db, g) =>
      tenantTransaction(db, workspaceId(g), (tx) =>
        tx.billingConfig.findUnique({
          where: { workspaceId: workspaceId(g) },
          select: { tracesCurrentMonth: true, tracesPerMonthLimit: true, planStatus: true },
        }),
      ),
  },
];

/** Every index of the three tables except primary keys: what "without index" drops. */
export const DROPPABLE_INDEXES_SQL = `
  SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
   WHERE t.relname IN ('team_members', 'billing_config', 'integrations_config') AND NOT x.indisprimary`;
