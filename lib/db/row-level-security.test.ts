// Row-level security on the runtime role (docs/architecture.md, "Row-level security").
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApiKey } from "../testing/api-key-fixtures";
import { createRoleWorkspace, type RoleWorkspace } from "../testing/fixtures";
import { testPg, testPrisma } from "../testing/test-db";
import { RUNTIME_ROLE, tenantTransaction } from "./tenant-transaction";

const db = testPrisma();
let client: pg.Client;
let a: RoleWorkspace;
let b: RoleWorkspace;

const RLS_TABLES = [
  "workspaces",
  "users",
  "team_members",
  "billing_config",
  "integrations_config",
  "daily_usage",
  "audit_log",
  "event_outbox",
  "api_keys",
  "idempotency_keys",
  "usage_reports",
  "overage_reports",
  "billing_cycles",
  "integration_deliveries",
  "integration_delivery_attempts",
  "integration_runtime",
];
/** Tables only the system client reads (webhooks cross workspaces): the runtime role has no grant at all. */
const SYSTEM_ONLY_TABLES = ["stripe_events", "worker_heartbeats"];
/** System-only tables that belong to no workspace (job workers' heartbeats). */
const UNSCOPED_TABLES = ["worker_heartbeats"];
const scopeColumn = (table: string) => (table === "workspaces" ? "id" : "workspace_id");

beforeAll(async () => {
  client = await testPg();
  a = await createRoleWorkspace(db, "rls-a");
  b = await createRoleWorkspace(db, "rls-b");
  for (const ws of [a, b]) {
    const integration = await db.integrationConfig.create({
      data: { workspaceId: ws.workspaceId, integrationType: "slack", name: "rls" },
    });
    await db.integrationRuntime.create({ data: { integrationId: integration.id, workspaceId: ws.workspaceId } });
    const delivery = await db.integrationDelivery.create({
      data: { workspaceId: ws.workspaceId, integrationId: integration.id, eventType: "integration.test" },
    });
    await db.integrationDeliveryAttempt.create({
      data: {
        workspaceId: ws.workspaceId,
        integrationId: integration.id,
        deliveryId: delivery.id,
        attempt: 1,
        outcome: "success",
        latencyMs: 5,
      },
    });
    await db.dailyUsage.create({ data: { workspaceId: ws.workspaceId, day: new Date("2026-01-01"), traces: 1n } });
    await db.auditLog.create({ data: { workspaceId: ws.workspaceId, action: "test.entry", targetType: "test" } });
    await db.eventOutbox.create({ data: { workspaceId: ws.workspaceId, eventType: "member.invited" } });
    await createTestApiKey(db, ws.workspaceId, { scopes: ["read"] });
    await db.idempotencyKey.create({
      data: {
        workspaceId: ws.workspaceId,
        principal: `user:${ws.actors.owner.userId}`,
        key: "rls",
        route: "POST /x",
        requestHash: "0".repeat(64),
      },
    });
    await db.usageReport.create({
      data: {
        workspaceId: ws.workspaceId,
        idempotencyKey: "rls",
        traces: 1n,
        day: new Date("2026-01-01"),
        reportedAt: new Date(),
        countedInPeriod: false,
      },
    });
    await db.billingCycle.create({ data: { workspaceId: ws.workspaceId, anchor: new Date("2026-01-01T00:00:00Z") } });
    await db.overageReport.create({
      data: {
        workspaceId: ws.workspaceId,
        hour: new Date("2026-01-01T10:00:00Z"),
        traces: 1n,
        identifier: `${ws.workspaceId}:rls`,
      },
    });
  }
});
afterAll(async () => {
  await client?.end();
  await db.$disconnect();
});

/** Runs queries as the runtime role, optionally with a workspace context, then rolls back. */
async function asRuntimeRole<T>(workspaceId: string | null, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    await client.query(`SET LOCAL ROLE ${RUNTIME_ROLE}`);
    if (workspaceId) await client.query("SELECT set_config('app.workspace_id', $1, true)", [workspaceId]);
    return await work();
  } finally {
    await client.query("ROLLBACK");
  }
}

describe("the runtime role", () => {
  it("is neither superuser nor BYPASSRLS, and cannot log in", async () => {
    const { rows } = await client.query("SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1", [
      RUNTIME_ROLE,
    ]);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
  });

  it("lists every table with a workspace_id column (a new one cannot be forgotten)", async () => {
    const { rows } = await client.query(
      `SELECT DISTINCT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'workspace_id' ORDER BY table_name`,
    );
    const scoped = rows.map((r) => r.table_name as string);
    const expected = [...RLS_TABLES, ...SYSTEM_ONLY_TABLES].filter(
      (t) => t !== "workspaces" && t !== "users" && !UNSCOPED_TABLES.includes(t),
    );
    expect(expected.sort()).toEqual(scoped);
  });

  it("every workspace-scoped table has RLS enabled and forced", async () => {
    const { rows } = await client.query(
      "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY($1) AND relkind = 'r' ORDER BY relname",
      [RLS_TABLES],
    );
    expect(rows).toHaveLength(RLS_TABLES.length);
    for (const row of rows)
      expect([row.relname, row.relrowsecurity, row.relforcerowsecurity]).toEqual([row.relname, true, true]);
  });

  it.each(RLS_TABLES)("without workspace context sees no rows of %s", async (table) => {
    const total = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
    expect(total.rows[0].n).toBeGreaterThan(0);
    const seen = await asRuntimeRole(null, () => client.query(`SELECT count(*)::int AS n FROM ${table}`));
    expect(seen.rows[0].n).toBe(0);
  });

  it.each(RLS_TABLES.filter((t) => t !== "users"))(
    "with context sees only that workspace's rows of %s",
    async (table) => {
      const column = scopeColumn(table);
      const expected = await client.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [
        a.workspaceId,
      ]);
      const seen = await asRuntimeRole(a.workspaceId, () =>
        client.query(`SELECT DISTINCT ${column}::text AS ws, count(*) OVER ()::int AS n FROM ${table}`),
      );
      expect(seen.rows.map((r) => r.ws)).toEqual([a.workspaceId]);
      expect(seen.rows[0].n).toBe(expected.rows[0].n);
    },
  );

  it("with context sees only the users who are members of that workspace", async () => {
    const seen = await asRuntimeRole(a.workspaceId, () => client.query("SELECT id::text FROM users ORDER BY id"));
    const expected = Object.values(a.actors)
      .map((x) => x.userId)
      .sort();
    expect(seen.rows.map((r) => r.id)).toEqual(expected);
  });

  it("cannot write rows into another workspace", async () => {
    await expect(
      asRuntimeRole(a.workspaceId, () =>
        client.query(
          "INSERT INTO integrations_config (workspace_id, integration_type, name) VALUES ($1, 'slack', 'sneaky')",
          [b.workspaceId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await asRuntimeRole(a.workspaceId, () =>
      client.query("UPDATE billing_config SET plan_type = 'enterprise' WHERE workspace_id = $1", [b.workspaceId]),
    );
    expect(updated.rowCount).toBe(0);
  });

  it("cannot change or delete audit entries (append-only)", async () => {
    await expect(
      asRuntimeRole(a.workspaceId, () => client.query("UPDATE audit_log SET action = 'x.y'")),
    ).rejects.toThrow(/permission denied/);
    await expect(asRuntimeRole(a.workspaceId, () => client.query("DELETE FROM audit_log"))).rejects.toThrow(
      /permission denied/,
    );
  });

  it("cannot read sessions, accounts, verification tokens or Stripe's events at all", async () => {
    for (const table of ["sessions", "accounts", "verification_tokens", ...SYSTEM_ONLY_TABLES]) {
      await expect(asRuntimeRole(a.workspaceId, () => client.query(`SELECT 1 FROM ${table}`))).rejects.toThrow(
        /permission denied/,
      );
    }
  });
});

describe("tenantTransaction", () => {
  it("runs as the runtime role bound to one workspace, and the binding ends with the transaction", async () => {
    const inside = await tenantTransaction(db, a.workspaceId, async (tx) => {
      const [row] = await tx.$queryRaw<
        { role: string; ws: string }[]
      >`SELECT current_user AS role, current_setting('app.workspace_id', true) AS ws`;
      const other = await tx.billingConfig.findUnique({ where: { workspaceId: b.workspaceId } });
      const own = await tx.billingConfig.findUnique({ where: { workspaceId: a.workspaceId } });
      return { row, other, own };
    });
    expect(inside.row).toEqual({ role: RUNTIME_ROLE, ws: a.workspaceId });
    expect(inside.other).toBeNull();
    expect(inside.own?.workspaceId).toBe(a.workspaceId);

    const [after] = await db.$queryRaw<{ role: string }[]>`SELECT current_user AS role`;
    expect(after!.role).not.toBe(RUNTIME_ROLE);
  });
});
