// The seed's three EXPLAIN examples use the indexes they name.
//
// Honesty note: on the six-row sample table the planner rightly prefers a
// sequential scan, so this test loads enough rows to make index use the
// planner's own choice: 2,000 extra workspaces with ~5 members, a billing row
// and 3 integrations each (a realistic mix of statuses, soft-deleted rows and
// disabled integrations), then ANALYZE. enable_seqscan stays ON.
// The seed writes "Index Scan using <index>"; for a handful of rows spread over
// the heap PostgreSQL may equally pick a Bitmap Index Scan on that same index,
// so either access path on the named index passes, and a Seq Scan fails.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededScratchDatabase } from "@/lib/testing/test-db";

let client: pg.Client;
let close: () => Promise<void>;
const WORKSPACES = 2000;

beforeAll(async () => {
  ({ client, close } = await seededScratchDatabase("explain", { owner: true }));
  await client.query(`
    INSERT INTO users (email) SELECT 'bulk-' || g || '@test.example' FROM generate_series(1, ${WORKSPACES * 5}) g;
    INSERT INTO workspaces (name, slug) SELECT 'Bulk ' || g, 'bulk-' || g FROM generate_series(1, ${WORKSPACES}) g;
    WITH ws AS (SELECT id, row_number() OVER (ORDER BY slug) AS n FROM workspaces WHERE slug LIKE 'bulk-%'),
         us AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE 'bulk-%')
    INSERT INTO team_members (workspace_id, user_id, role, status, invitation_expires_at, deleted_at)
    SELECT ws.id, us.id,
           (ARRAY['owner','admin','member','member','viewer'])[1 + (us.n % 5)],
           (ARRAY['active','active','active','pending','inactive'])[1 + (us.n % 5)],
           now() + interval '7 days',
           CASE WHEN us.n % 11 = 0 THEN now() END
      FROM us JOIN ws ON ws.n = 1 + ((us.n - 1) / 5);
    INSERT INTO billing_config (workspace_id, current_period_end)
    SELECT id, now() + interval '30 days' FROM workspaces WHERE slug LIKE 'bulk-%';
    INSERT INTO integrations_config (workspace_id, integration_type, name, is_enabled)
    SELECT w.id, t.type, 'Bulk ' || t.type, (t.ord + length(w.slug)) % 3 <> 0
      FROM workspaces w CROSS JOIN (VALUES ('slack', 1), ('webhook', 2), ('datadog', 3)) AS t(type, ord)
     WHERE w.slug LIKE 'bulk-%';
    ANALYZE;`);
});

afterAll(async () => {
  await close?.();
});

async function plan(sql: string): Promise<string> {
  const { rows } = await client.query(`EXPLAIN ${sql}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

function expectIndexUsed(text: string, index: string): void {
  expect(text).not.toContain("Seq Scan");
  expect(text).toMatch(new RegExp(`(Index Scan using|Index Only Scan using|Bitmap Index Scan on) ${index} `));
}

describe("the seed's EXPLAIN examples", () => {
  it("sequential scans are allowed: the planner chooses the indexes itself", async () => {
    const { rows } = await client.query("SHOW enable_seqscan");
    expect(rows[0].enable_seqscan).toBe("on");
  });

  it("Example 1: active team members use idx_team_members_workspace_status", async () => {
    const text = await plan(`
SELECT * FROM team_members
WHERE workspace_id = '00000000-0000-0000-0000-000000000001'
  AND status = 'active'
  AND deleted_at IS NULL;`);
    expectIndexUsed(text, "idx_team_members_workspace_status");
  });

  it("Example 2: billing config by workspace uses billing_config_workspace_id_key", async () => {
    const text = await plan(`
SELECT * FROM billing_config
WHERE workspace_id = '00000000-0000-0000-0000-000000000001';`);
    expectIndexUsed(text, "billing_config_workspace_id_key");
  });

  it("Example 3: enabled integrations use idx_integrations_workspace_enabled", async () => {
    const text = await plan(`
SELECT * FROM integrations_config
WHERE workspace_id = '00000000-0000-0000-0000-000000000001'
  AND is_enabled = TRUE;`);
    expectIndexUsed(text, "idx_integrations_workspace_enabled");
  });
});
