import { createHash } from "node:crypto";
import type pg from "pg";

/**
 * Deterministic ids so the benchmark can pick random workspaces, users and
 * tokens without reading them back: workspace g ↔ md5('ws'||g)::uuid, its
 * members are users 10g-9 … 10g (user n ↔ md5('u'||n)::uuid).
 */
export const MEMBERS_PER_WORKSPACE = 10;

export const md5Uuid = (text: string) => {
  const h = createHash("md5").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
export const workspaceId = (g: number) => md5Uuid(`ws${g}`);
/** The owner of workspace g (active). */
export const ownerUserId = (g: number) => md5Uuid(`u${g * MEMBERS_PER_WORKSPACE - 9}`);
/** The pending invitation of workspace g: member 10g-2, whose token hash is sha256('tok'||n). */
export const pendingTokenHash = (g: number) =>
  createHash("sha256")
    .update(`tok${g * MEMBERS_PER_WORKSPACE - 2}`)
    .digest("hex");

/**
 * One batch of workspaces [from, to] with everything hanging off them:
 * 10 members each (1 owner, 2 admins, 4 members, 3 viewers; 1 pending, 1 inactive;
 * ~3% soft-deleted), a billing row (plan mix), 3 integrations (about 2 in 3 enabled).
 */
export async function insertBatch(client: pg.ClientBase, from: number, to: number): Promise<void> {
  const firstMember = from * MEMBERS_PER_WORKSPACE - 9;
  const lastMember = to * MEMBERS_PER_WORKSPACE;
  await client.query("BEGIN");
  await client.query(
    `INSERT INTO workspaces (id, name, slug)
     SELECT md5('ws'||g)::uuid, 'Workspace '||g, 'bench-'||g FROM generate_series($1::int, $2::int) g`,
    [from, to],
  );
  await client.query(
    `INSERT INTO users (id, email, name)
     SELECT md5('u'||n)::uuid, 'user'||n||'@bench.example', 'User '||n FROM generate_series($1::int, $2::int) n`,
    [firstMember, lastMember],
  );
  await client.query(
    `INSERT INTO team_members (workspace_id, user_id, role, status, invitation_token_hash, invitation_expires_at, joined_at, last_active_at, deleted_at)
     SELECT md5('ws'||((n-1)/10+1))::uuid, md5('u'||n)::uuid,
            CASE n % 10 WHEN 1 THEN 'owner' WHEN 2 THEN 'admin' WHEN 3 THEN 'admin' WHEN 4 THEN 'member' WHEN 5 THEN 'member'
                        WHEN 6 THEN 'member' WHEN 7 THEN 'member' ELSE 'viewer' END,
            CASE n % 10 WHEN 8 THEN 'pending' WHEN 9 THEN 'inactive' ELSE 'active' END,
            CASE WHEN n % 10 = 8 THEN encode(sha256(('tok'||n)::bytea), 'hex') END,
            CASE WHEN n % 10 = 8 THEN now() + interval '7 days' END,
            CASE WHEN n % 10 <> 8 THEN now() - (n % 400) * interval '1 day' END,
            CASE WHEN n % 10 NOT IN (8, 9) THEN now() - (n % 1000) * interval '1 minute' END,
            CASE WHEN n % 37 = 0 AND n % 10 NOT IN (1, 8) THEN now() END
       FROM generate_series($1::int, $2::int) n`,
    [firstMember, lastMember],
  );
  await client.query(
    `INSERT INTO billing_config (workspace_id, plan_type, plan_status, traces_per_month_limit, traces_current_month, team_members_limit,
                                 team_members_current, api_keys_limit, price_monthly, current_period_start, current_period_end, trial_ends_at)
     SELECT md5('ws'||g)::uuid,
            (ARRAY['free','starter','professional','enterprise'])[1 + g % 4],
            (ARRAY['active','active','active','trialing','past_due'])[1 + g % 5],
            (ARRAY[10000,100000,1000000,NULL])[1 + g % 4],
            (g * 7919) % 1200000,
            (ARRAY[3,10,25,NULL])[1 + g % 4], 8, 20, 0,
            date_trunc('month', now()), date_trunc('month', now()) + interval '1 month',
            CASE WHEN g % 5 = 3 THEN now() + (g % 14) * interval '1 day' END
       FROM generate_series($1::int, $2::int) g`,
    [from, to],
  );
  await client.query(
    `INSERT INTO integrations_config (workspace_id, integration_type, name, is_enabled, health_status, event_filters, last_sync_at)
     SELECT md5('ws'||g)::uuid, t.type, initcap(t.type) || ' ' || g, (g + t.k) % 3 <> 0,
            (ARRAY['healthy','healthy','degraded','unknown'])[1 + (g + t.k) % 4],
            jsonb_build_object('event_types', jsonb_build_array('alert.triggered'), 'min_severity', 'warning'),
            now() - (g % 500) * interval '1 minute'
       FROM generate_series($1::int, $2::int) g
       CROSS JOIN (VALUES ('slack', 1), ('webhook', 2), ('pagerduty', 3)) AS t(type, k)`,
    [from, to],
  );
  await client.query("COMMIT");
}
