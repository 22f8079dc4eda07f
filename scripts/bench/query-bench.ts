import type pg from "pg";
import { DROPPABLE_INDEXES_SQL, QUERIES, type BenchQuery, type DataLayer } from "./queries";
import { percentiles, timed, type Percentiles } from "./stats";

export interface QueryResult {
  query: BenchQuery;
  raw: Percentiles;
  /** Diagnostic: the same raw SQL inside the RLS transaction the data layer uses (BEGIN, set_config, query, COMMIT on pg). */
  rawInRlsTransaction: Percentiles;
  dataLayer: Percentiles;
  noIndex: Percentiles;
  plan: string;
  planWithoutIndex: string;
}

const randomWorkspace = (workspaces: number) => 1 + Math.floor(Math.random() * workspaces);

/** The scan node a plan uses: "Index Scan using x", "Bitmap Index Scan on x", "Seq Scan on t". */
export function describePlan(plan: Record<string, unknown>): string {
  const scans: string[] = [];
  const walk = (node: Record<string, unknown>) => {
    const type = String(node["Node Type"]);
    if (node["Index Name"]) scans.push(`${type} ${type.startsWith("Bitmap") ? "on" : "using"} ${node["Index Name"]}`);
    else if (type === "Seq Scan") scans.push(`Seq Scan on ${node["Relation Name"]}`);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(plan);
  return scans.join(" + ") || String(plan["Node Type"]);
}

async function rawInRlsTransaction(client: pg.ClientBase, query: BenchQuery, g: number): Promise<void> {
  const [workspace] = query.params(g) as string[];
  await client.query("BEGIN");
  await client.query("SELECT set_config('role', 'settings_app', true), set_config('app.workspace_id', $1, true)", [
    workspace,
  ]);
  await client.query(query.sql, query.params(g));
  await client.query("COMMIT");
}

/**
 * Every owner signed in (a session each, `benchSessionToken`) and active just now, as members
 * who use the app are: the chokepoint stamps activity at most every 5 minutes, so a steady
 * reader's requests do not write.
 */
async function signInOwners(client: pg.ClientBase, workspaces: number): Promise<void> {
  await client.query(
    `INSERT INTO sessions (session_token, user_id, expires)
     SELECT 'bench-' || md5('ws'||g)::uuid, md5('u'||(g * 10 - 9))::uuid, now() + interval '1 day'
       FROM generate_series(1, $1::int) g
     ON CONFLICT (session_token) DO NOTHING`,
    [workspaces],
  );
  await client.query("UPDATE team_members SET last_active_at = now() WHERE role = 'owner' AND status = 'active'");
}

async function planOf(client: pg.ClientBase, query: BenchQuery, g: number): Promise<string> {
  const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query.sql}`, query.params(g));
  return describePlan(rows[0]["QUERY PLAN"][0].Plan);
}

/**
 * For each query: p50/p95/p99 over `samples` random workspaces through raw SQL
 * and through the app's data layer (RLS included); then the same raw SQL with
 * the indexes dropped inside a transaction that is rolled back afterwards.
 */
export async function runQueryBench(
  client: pg.ClientBase,
  layer: DataLayer,
  options: { workspaces: number; samples: number; noIndexSamples: number; progress: (label: string) => void },
): Promise<QueryResult[]> {
  await signInOwners(client, options.workspaces);
  const results: QueryResult[] = [];
  for (const query of QUERIES) {
    options.progress(query.name);
    // Warm up both paths (connection, plan cache, Prisma's query compiler).
    for (let i = 0; i < 20; i++) {
      await client.query(query.sql, query.params(randomWorkspace(options.workspaces)));
      await query.dataLayer(layer, randomWorkspace(options.workspaces));
    }
    const raw: number[] = [];
    const rls: number[] = [];
    const viaLayer: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      // Interleaved, so all three see the same cache state.
      raw.push(await timed(() => client.query(query.sql, query.params(randomWorkspace(options.workspaces)))));
      if (query.tenantScoped)
        rls.push(await timed(() => rawInRlsTransaction(client, query, randomWorkspace(options.workspaces))));
      viaLayer.push(await timed(() => query.dataLayer(layer, randomWorkspace(options.workspaces))));
    }
    results.push({
      query,
      raw: percentiles(raw),
      rawInRlsTransaction: percentiles(rls),
      dataLayer: percentiles(viaLayer),
      noIndex: percentiles([]),
      plan: await planOf(client, query, randomWorkspace(options.workspaces)),
      planWithoutIndex: "",
    });
  }

  options.progress("without indexes");
  await client.query("BEGIN");
  try {
    const { rows } = await client.query<{ name: string }>(DROPPABLE_INDEXES_SQL);
    for (const row of rows) await client.query(`DROP INDEX "${row.name}"`);
    for (const result of results) {
      const samples: number[] = [];
      for (let i = 0; i < options.noIndexSamples; i++) {
        samples.push(
          await timed(() => client.query(result.query.sql, result.query.params(randomWorkspace(options.workspaces)))),
        );
      }
      result.noIndex = percentiles(samples);
      result.planWithoutIndex = await planOf(client, result.query, randomWorkspace(options.workspaces));
    }
  } finally {
    await client.query("ROLLBACK"); // the indexes come back
  }
  return results;
}
