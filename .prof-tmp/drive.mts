import { randomUUID } from "node:crypto";
import pg from "pg";
import { generateApiKey } from "../lib/api-keys/key-format";
const url = "postgresql://postgres@127.0.0.1:5432/settings_bench";
const c = new pg.Client({ connectionString: url });
await c.connect();
const ws = randomUUID();
const key = generateApiKey();
await c.query(`INSERT INTO workspaces (id, name, slug) VALUES ($1::uuid, 'prof', $2)`, [ws, 'prof-' + ws]);
await c.query(`INSERT INTO billing_config (workspace_id, plan_type, current_period_start, current_period_end) VALUES ($1, 'enterprise', now() - interval '1 day', now() + interval '29 days')`, [ws]);
await c.query(`INSERT INTO api_keys (workspace_id, name, prefix, key_hash, scopes, creator_role) VALUES ($1, 'prof', $2, $3, ARRAY['usage:write','read'], 'owner')`, [ws, key.prefix, key.hash]);
await c.end();
const base = process.argv[2] ?? "http://127.0.0.1:3600";
const path = process.argv[3] ?? "usage";
const seconds = Number(process.argv[4] ?? 10);
let n = 0; const lat: number[] = [];
const end = performance.now() + seconds * 1000;
await Promise.all(Array.from({ length: 20 }, async () => {
  while (performance.now() < end) {
    const t0 = performance.now();
    const r = path === "usage"
      ? await fetch(`${base}/api/workspaces/${ws}/usage`, { method: "POST", headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" }, body: JSON.stringify({ traces: 1, idempotencyKey: randomUUID() }) })
      : await fetch(`${base}/api/workspaces/${ws}/${path}`, { headers: { authorization: `Bearer ${key.secret}` } });
    await r.arrayBuffer();
    if (r.status !== 200) console.log(r.status);
    lat.push(performance.now() - t0); n++;
  }
}));
lat.sort((a, b) => a - b);
console.log(path, "req/s", (n / seconds).toFixed(0), "p50", lat[Math.floor(n * 0.5)]!.toFixed(1), "p95", lat[Math.floor(n * 0.95)]!.toFixed(1));
