// Usage ingestion over HTTP against our production server (issue #11's benchmark): 20 clients post
// usage reports back to back, first all to one workspace (the hot-row case: every report adds to the
// same billing_config and daily_usage rows), then spread over 1,000 workspaces, one report per
// request; then one workspace again with batches of 20 reports per request; then the usage service
// in process (no HTTP), one workspace and 1,000 workspaces (docs/decisions/011-usage-metering.md). At the end the totals
// must be exact: every report answered "recorded" counted once, and nothing else. For scale, the
// floor app's route (bare Next.js, JSON from memory, no database) under the same 20 clients: the
// most requests per second any route can answer on this machine.
import { floorRoute, buildFloor, startFloor } from "./floor-app";
import { runLoad } from "./load";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { generateApiKey } from "../../lib/api-keys/key-format";
import { percentiles, type Percentiles } from "./stats";
import { productionServerEnv, startServer, type ServerProcess } from "./server-process";
import { createPool } from "../../lib/db/pools";
import { loadService } from "./service-load";

export interface IngestRun {
  name: string;
  workspaces: number;
  /** Reports per request. */
  batch: number;
  requestsPerSecond: number;
  reportsPerSecond: number;
  latency: Percentiles;
  /** Reports answered 200 "recorded". */
  recorded: number;
  /** Anything else (a refused, failed or wrongly answered report). */
  errors: number;
  /** Database totals equal to what was recorded (per workspace: traces, daily usage, report rows). */
  exact: boolean;
}

export interface IngestBenchResult {
  concurrency: number;
  seconds: number;
  runs: IngestRun[];
  /** The floor app's JSON route under the same clients: the ceiling for any request here. */
  floor: { requestsPerSecond: number; p95: number; errors: number };
}

interface Tenant {
  workspaceId: string;
  secret: string;
  traces: number;
  reports: number;
}

/** Workspaces on the enterprise plan (no limits in the way), each with a usage:write key. */
async function createTenants(client: pg.Client, count: number, label: string): Promise<Tenant[]> {
  const tenants = Array.from({ length: count }, () => ({ workspaceId: randomUUID(), key: generateApiKey() }));
  const ids = tenants.map((t) => t.workspaceId);
  await client.query(
    `INSERT INTO workspaces (id, name, slug) SELECT id, $2 || ' ' || n, $2 || '-' || id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [ids, `ingest-${label}`],
  );
  await client.query(
    `INSERT INTO billing_config (workspace_id, plan_type, traces_per_month_limit, team_members_limit, api_keys_limit,
                                 current_period_start, current_period_end)
     SELECT id, 'enterprise', NULL, NULL, NULL, now() - interval '1 day', now() + interval '29 days' FROM unnest($1::uuid[]) AS t(id)`,
    [ids],
  );
  await client.query(
    `INSERT INTO api_keys (workspace_id, name, prefix, key_hash, scopes, creator_role)
     SELECT w, 'bench ingestion', p, h, ARRAY['usage:write'], 'owner'
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(w, p, h)`,
    [ids, tenants.map((t) => t.key.prefix), tenants.map((t) => t.key.hash)],
  );
  return tenants.map((t) => ({ workspaceId: t.workspaceId, secret: t.key.secret, traces: 0, reports: 0 }));
}

async function post(base: string, tenant: Tenant, traces: number, batch: number): Promise<boolean> {
  const report = () => ({ traces, idempotencyKey: randomUUID() });
  const response = await fetch(`${base}/api/workspaces/${tenant.workspaceId}/usage`, {
    method: "POST",
    headers: { authorization: `Bearer ${tenant.secret}`, "content-type": "application/json" },
    body: JSON.stringify(batch === 1 ? report() : { items: Array.from({ length: batch }, report) }),
  });
  const body = (await response.json().catch(() => null)) as { data?: { recorded?: number } } | null;
  return response.status === 200 && body?.data?.recorded === batch;
}

async function load(
  base: string,
  tenants: Tenant[],
  options: { concurrency: number; seconds: number; batch: number },
): Promise<{
  latency: Percentiles;
  reportsPerSecond: number;
  requestsPerSecond: number;
  recorded: number;
  errors: number;
}> {
  const latencies: number[] = [];
  let errors = 0;
  let recorded = 0;
  const end = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, client) => {
      let turn = client;
      while (performance.now() < end) {
        const tenant = tenants[turn++ % tenants.length]!;
        const traces = 1 + (turn % 7);
        const t0 = performance.now();
        const ok = await post(base, tenant, traces, options.batch).catch(() => false);
        latencies.push(performance.now() - t0);
        if (ok) {
          recorded += options.batch;
          tenant.traces += traces * options.batch;
          tenant.reports += options.batch;
        } else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    latency: percentiles(latencies),
    requestsPerSecond: latencies.length / elapsed,
    reportsPerSecond: (latencies.length * options.batch) / elapsed,
    recorded,
    errors,
  };
}

/** Whether each workspace's counters hold exactly what was recorded. */
async function totalsAreExact(client: pg.Client, tenants: Tenant[]): Promise<boolean> {
  const { rows } = await client.query<{ id: string; month: string; daily: string; reports: string }>(
    `SELECT b.workspace_id AS id, b.traces_current_month AS month,
            (SELECT coalesce(sum(traces), 0) FROM daily_usage d WHERE d.workspace_id = b.workspace_id) AS daily,
            (SELECT count(*) FROM usage_reports r WHERE r.workspace_id = b.workspace_id) AS reports
       FROM billing_config b WHERE b.workspace_id = ANY($1::uuid[])`,
    [tenants.map((t) => t.workspaceId)],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return tenants.every((t) => {
    const row = byId.get(t.workspaceId);
    return (
      row !== undefined &&
      Number(row.month) === t.traces &&
      Number(row.daily) === t.traces &&
      Number(row.reports) === t.reports
    );
  });
}

export async function runIngestBench(
  client: pg.Client,
  databaseUrl: string,
  options: { port: number; concurrency: number; seconds: number; log: (message: string) => void },
): Promise<IngestBenchResult> {
  const hot = await createTenants(client, 1, "hot");
  const spread = await createTenants(client, 1000, "spread");
  const hotBatched = await createTenants(client, 1, "hot-batched");
  const serviceHot = await createTenants(client, 1, "service-hot");
  const serviceSpread = await createTenants(client, 1000, "service-spread");
  const warm = await createTenants(client, 1, "warm");
  const base = `http://127.0.0.1:${options.port}`;
  let server: ServerProcess | undefined;
  try {
    server = await startServer({
      args: ["scripts/start-server.mjs", "--hostname", "127.0.0.1", "--port", String(options.port)],
      // The per-key limit (6,000 a minute by default) would cap the hot run: this measures capacity.
      env: productionServerEnv(base, { DATABASE_URL: databaseUrl, API_KEY_REQUESTS_PER_MINUTE: "10000000" }),
      port: options.port,
      probe: (b) => ({
        request: () =>
          fetch(`${b}/api/workspaces/${warm[0]!.workspaceId}/usage`, {
            method: "POST",
            headers: { authorization: `Bearer ${warm[0]!.secret}`, "content-type": "application/json" },
            body: JSON.stringify({ traces: 1, idempotencyKey: "probe" }),
          }),
        marker: '"recorded"',
      }),
    });
    options.log("  warming up");
    await load(base, warm, { concurrency: options.concurrency, seconds: Math.min(3, options.seconds), batch: 1 });
    const runs: IngestRun[] = [];
    for (const [name, tenants, batch] of [
      ["One workspace (hot rows), 1 report per request", hot, 1],
      ["Spread over 1,000 workspaces, 1 report per request", spread, 1],
      ["One workspace (hot rows), 20 reports per request", hotBatched, 20],
    ] as const) {
      options.log(`  ${name}: ${options.concurrency} clients for ${options.seconds} s`);
      const result = await load(base, tenants, { ...options, batch });
      runs.push({ name, workspaces: tenants.length, batch, ...result, exact: await totalsAreExact(client, tenants) });
    }
    await server.stop();
    server = undefined;
    // The same recording through the service in process (the usage service, no HTTP, no chokepoint).
    const pool = createPool(databaseUrl, { pipeline: true });
    try {
      for (const [name, tenants] of [
        ["Service in process, one workspace, 1 report per call", serviceHot],
        ["Service in process, 1,000 workspaces, 1 report per call", serviceSpread],
      ] as const) {
        options.log(`  ${name}: ${options.concurrency} clients for ${options.seconds} s`);
        const result = await loadService(pool, tenants, options);
        runs.push({
          name,
          workspaces: tenants.length,
          batch: 1,
          ...result,
          exact: await totalsAreExact(client, tenants),
        });
      }
    } finally {
      await pool.end();
    }
    options.log(`  the floor app's route: ${options.concurrency} clients for ${options.seconds} s`);
    buildFloor(options.log);
    const floorServer = await startFloor(options.port);
    try {
      const floor = await runLoad(floorRoute(floorServer.base), {
        concurrency: options.concurrency,
        seconds: options.seconds,
      });
      return {
        concurrency: options.concurrency,
        seconds: options.seconds,
        runs,
        floor: { requestsPerSecond: floor.requestsPerSecond, p95: floor.latency.p95, errors: floor.errors },
      };
    } finally {
      await floorServer.stop();
    }
  } finally {
    await server?.stop();
  }
}
