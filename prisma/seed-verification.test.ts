// The seed's "Verification Tests" (the seed this project started from; see docs/architecture.md, "Data model"), run verbatim on
// a freshly migrated and seeded database of their own, asserting exactly what
// the seed says each query returns.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededScratchDatabase } from "@/lib/testing/test-db";

let client: pg.Client;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ client, close } = await seededScratchDatabase("seed_verification", { owner: true }));
});

afterAll(async () => {
  await close?.();
});

describe("post-migration verification", () => {
  it("1. the three tables exist", async () => {
    const { rows } = await client.query(`
SELECT tablename, schemaname
FROM pg_tables
WHERE tablename IN ('team_members', 'billing_config', 'integrations_config')
  AND schemaname = 'public';`);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.tablename).sort()).toEqual(["billing_config", "integrations_config", "team_members"]);
  });

  it("2. column counts are 16 / 29 / 21", async () => {
    const { rows } = await client.query(`
SELECT
    table_name,
    COUNT(*) AS column_count
FROM information_schema.columns
WHERE table_schema = 'public'
  AND table_name IN ('team_members', 'billing_config', 'integrations_config')
GROUP BY table_name;`);
    const counts = Object.fromEntries(rows.map((r) => [r.table_name, Number(r.column_count)]));
    expect(counts).toEqual({ team_members: 16, billing_config: 29, integrations_config: 21 });
  });

  it("3. index counts are at least 8 / 6 / 7", async () => {
    const { rows } = await client.query(`
SELECT
    tablename,
    COUNT(*) AS index_count
FROM pg_indexes
WHERE tablename IN ('team_members', 'billing_config', 'integrations_config')
GROUP BY tablename;`);
    const counts = Object.fromEntries(rows.map((r) => [r.tablename, Number(r.index_count)]));
    expect(counts.team_members).toBeGreaterThanOrEqual(8);
    expect(counts.billing_config).toBeGreaterThanOrEqual(6);
    expect(counts.integrations_config).toBeGreaterThanOrEqual(7);
    // docs/architecture.md, "Data model": the primary key plus 7 / plus the workspace key and 5 / plus 6.
    expect(counts).toEqual({ team_members: 8, billing_config: 7, integrations_config: 7 });
  });

  it("4. the foreign keys reference workspaces and users", async () => {
    const { rows } = await client.query(`
SELECT
    tc.table_name,
    kcu.column_name,
    ccu.table_name AS foreign_table_name,
    ccu.column_name AS foreign_column_name
FROM information_schema.table_constraints AS tc
JOIN information_schema.key_column_usage AS kcu
  ON tc.constraint_name = kcu.constraint_name
JOIN information_schema.constraint_column_usage AS ccu
  ON ccu.constraint_name = tc.constraint_name
WHERE tc.constraint_type = 'FOREIGN KEY'
  AND tc.table_name IN ('team_members', 'billing_config', 'integrations_config')
ORDER BY tc.table_name;`);
    const fks = rows
      .map((r) => `${r.table_name}.${r.column_name} -> ${r.foreign_table_name}.${r.foreign_column_name}`)
      .sort();
    expect(fks).toEqual([
      "billing_config.workspace_id -> workspaces.id",
      "integrations_config.created_by -> users.id",
      "integrations_config.workspace_id -> workspaces.id",
      "team_members.created_by -> users.id",
      "team_members.deleted_by -> users.id",
      "team_members.invited_by -> users.id",
      "team_members.updated_by -> users.id",
      "team_members.user_id -> users.id",
      "team_members.workspace_id -> workspaces.id",
    ]);
    // ORDER BY tc.table_name, as the query says.
    expect(rows.map((r) => r.table_name)).toEqual([...rows.map((r) => r.table_name)].sort());
  });

  it("5. three updated_at triggers, one per table", async () => {
    const { rows } = await client.query(`
SELECT
    trigger_name,
    event_object_table,
    action_statement
FROM information_schema.triggers
WHERE event_object_table IN ('team_members', 'billing_config', 'integrations_config');`);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.event_object_table).sort()).toEqual([
      "billing_config",
      "integrations_config",
      "team_members",
    ]);
    for (const row of rows) expect(row.action_statement).toBe("EXECUTE FUNCTION set_updated_at()");
  });
});

describe("post-seed verification", () => {
  it("1. record counts are 6 / 1 / 4", async () => {
    const { rows } = await client.query(`
SELECT 'team_members' AS table_name, COUNT(*) AS record_count FROM team_members
UNION ALL
SELECT 'billing_config', COUNT(*) FROM billing_config
UNION ALL
SELECT 'integrations_config', COUNT(*) FROM integrations_config;`);
    expect(rows.map((r) => [r.table_name, Number(r.record_count)])).toEqual([
      ["team_members", 6],
      ["billing_config", 1],
      ["integrations_config", 4],
    ]);
  });

  it("2. team member roles and statuses", async () => {
    const { rows } = await client.query(`
SELECT role, status, COUNT(*) AS count
FROM team_members
GROUP BY role, status
ORDER BY role, status;`);
    expect(rows.map((r) => `${r.role}/${r.status} (${r.count})`)).toEqual([
      "admin/active (1)",
      "member/active (1)",
      "member/inactive (1)",
      "member/pending (1)",
      "owner/active (1)",
      "viewer/active (1)",
    ]);
  });

  it("3. the billing plan: professional, active, 650000 of 1000000", async () => {
    const { rows } = await client.query(`
SELECT plan_type, plan_status, traces_current_month, traces_per_month_limit
FROM billing_config;`);
    expect(
      rows.map((r) => [r.plan_type, r.plan_status, Number(r.traces_current_month), Number(r.traces_per_month_limit)]),
    ).toEqual([["professional", "active", 650000, 1000000]]);
  });

  it("4. the integrations' enabled and health values", async () => {
    const { rows } = await client.query(`
SELECT integration_type, is_enabled, health_status
FROM integrations_config
ORDER BY integration_type;`);
    expect(
      rows.map((r) => `${r.integration_type}/${r.is_enabled ? "enabled" : "disabled"}/${r.health_status}`),
    ).toEqual([
      "pagerduty/enabled/healthy",
      "sentry/disabled/unknown",
      "slack/enabled/healthy",
      "webhook/enabled/degraded",
    ]);
  });
});
