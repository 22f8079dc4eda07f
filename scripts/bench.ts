// `npm run bench`: the seed's "Performance Benchmarks" at the seed's scale
// (100K workspaces, 1M team members, 100K billing rows, 300K integrations) in a
// database of its own, the six queries through raw SQL and through the app's
// data layer, with and without indexes; then the settings pages under load
// side by side with a bare Next.js "floor" app (scripts/bench/floor), and
// every target of docs/benchmarks.md with ✓/✗; then usage ingestion over HTTP and through the usage
// service in process (20 clients, one workspace and 1,000 workspaces, totals checked exactly); then the
// Stripe webhook inbox (20 senders, 1,000 distinct events and 1,000 duplicates, each applied exactly once);
// then integration delivery from the outbox to 3 local receivers by one worker process (an idle queue,
// then a burst of 10,000 events; every delivery checked to arrive exactly once).
//   npm run bench -- --workspaces 2000 --samples 100 --seconds 2   (small, as CI runs it)
//   npm run bench -- --pages                                        (the pages part only, on an otherwise empty database)
//   npm run bench -- --ingest                                       (the ingestion part only)
//   npm run bench -- --webhooks                                     (the webhook inbox part only)
//   npm run bench -- --webhook-events 1000                          (events per webhook burst; 300 when --seconds < 5)
//   npm run bench -- --deliveries                                   (the integration delivery part only)
//   npm run bench -- --delivery-events 10000                        (events in the delivery burst; 1,000 when --seconds < 5)
//   npm run bench -- --delivery-idle-events 200                     (events written one at a time to the idle queue; 50 when --seconds < 5)
//   npm run bench -- --delivery-engine '{"batchSize":100}'          (delivery engine options for the worker; default: the engine's own)
//   npm run bench -- --statements                                   (also the top 15 statements by total time from pg_stat_statements, docs/statements.md)
//   npm run bench -- --write                                        (full; writes docs/benchmarks.md)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import * as prettier from "prettier";
import { parseArgs } from "node:util";
import { databaseName, redactUrl, withDatabase } from "../lib/db/database-url";
import { dropDatabase, ensureDatabase } from "../lib/db/create-database";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/migrations/apply-migrations";
import { createPool } from "../lib/db/pools";
import { createPrismaClient } from "../lib/db/prisma";
import { childProcessEnv, env } from "../lib/env";
import type { DeliveryEngineOptions } from "../lib/integrations/delivery/delivery-engine";
import { buildIsStale } from "./build-freshness";
import { insertBatch, MEMBERS_PER_WORKSPACE } from "./bench/dataset";
import { runDeliveryBench } from "./bench/delivery-bench";
import { deliveryProblems, deliveryTable, deliveryTargetRows, deliveryTimingTable } from "./bench/delivery-report";
import { ingestTable, ingestTargetRows } from "./bench/ingest-report";
import { runIngestBench } from "./bench/ingest-bench";
import { runPageBench } from "./bench/page-bench";
import { loadTable, requestTable, startTable } from "./bench/page-report";
import { summarize } from "./bench/page-summary";
import { postmasterOf } from "./bench/proc-stats";
import { runQueryBench, type QueryResult } from "./bench/query-bench";
import { queryTable } from "./bench/report";
import { startStatementStats, statementTable, topStatements, writeStatements } from "./bench/statement-stats";
import { targetRows, targetTable } from "./bench/targets";
import { runWebhookBench } from "./bench/webhook-bench";
import { webhookTable, webhookTargetRows } from "./bench/webhook-report";

const START = "<!-- results:start -->";
/** Issue #11: 20 concurrent clients report usage. */
const INGEST_CLIENTS = 20;
/** The billing issue: bursts of 1,000 webhook events from 20 concurrent senders. */
const WEBHOOK_SENDERS = 20;
const END = "<!-- results:end -->";

const { values } = parseArgs({
  options: {
    pages: { type: "boolean", default: false },
    ingest: { type: "boolean", default: false },
    webhooks: { type: "boolean", default: false },
    deliveries: { type: "boolean", default: false },
    workspaces: { type: "string" },
    samples: { type: "string", default: "1000" },
    "no-index-samples": { type: "string" },
    seconds: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "10" },
    "memory-requests": { type: "string" },
    "webhook-events": { type: "string" },
    "delivery-events": { type: "string" },
    "delivery-idle-events": { type: "string" },
    "delivery-engine": { type: "string" },
    statements: { type: "boolean", default: false },
    write: { type: "boolean", default: false },
  },
});
const pagesOnly = values.pages;
const ingestOnly = values.ingest;
const webhooksOnly = values.webhooks;
const deliveriesOnly = values.deliveries;
/** Only one part runs (no dataset unless --workspaces asks for one). */
const onePart = pagesOnly || ingestOnly || webhooksOnly || deliveriesOnly;
// --pages builds no dataset unless --workspaces asks for one (the pages then run next to it).
const workspaces = Number(values.workspaces ?? (onePart ? 0 : 100000));
const samples = Number(values.samples);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const noIndexSamples = Number(values["no-index-samples"] ?? Math.max(5, Math.min(50, Math.round(samples / 20))));
// Small runs (CI: --seconds 2) read memory after 500 and 1,000 requests instead of 5,000 and 10,000.
const memoryRequests = Number(values["memory-requests"] ?? (seconds < 5 ? 1000 : 10000));
// Small runs send bursts of 300 webhook events instead of 1,000 (CI's bench stays short).
const webhookEvents = Number(values["webhook-events"] ?? (seconds < 5 ? 300 : 1000));
// Small runs deliver a burst of 1,000 events and 50 idle ones instead of 10,000 and 200: under a minute
// at the ~100 deliveries/s the engine reaches today (docs/benchmarks.md, "Integration delivery").
const deliveryEvents = Number(values["delivery-events"] ?? (seconds < 5 ? 1000 : 10000));
const deliveryIdleEvents = Number(values["delivery-idle-events"] ?? (seconds < 5 ? 50 : 200));
let deliveryEngine: DeliveryEngineOptions = {};
try {
  deliveryEngine = JSON.parse(values["delivery-engine"] ?? "{}") as DeliveryEngineOptions;
} catch {
  console.error('--delivery-engine must be JSON, e.g. \'{"batchSize":100,"concurrency":8}\'');
  process.exit(2);
}
const counts = {
  samples,
  seconds,
  rounds,
  concurrency,
  "no-index-samples": noIndexSamples,
  "memory-requests": memoryRequests,
  "webhook-events": webhookEvents,
  "delivery-events": deliveryEvents,
  "delivery-idle-events": deliveryIdleEvents,
};
for (const [name, value] of Object.entries({ ...counts, workspaces })) {
  const least = name === "workspaces" && onePart ? 0 : 1;
  if (!Number.isInteger(value) || value < least) {
    console.error(`--${name} must be a whole number of at least ${least}`);
    process.exit(2);
  }
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const embedded = env.BENCH_DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: `${env.EMBEDDED_PG_DATA_DIR}-bench`, port: env.EMBEDDED_PG_PORT + 2 });
const url = env.BENCH_DATABASE_URL ?? withDatabase(embedded!.url, "settings_bench");
let failed = false;
try {
  log(`• Benchmark database ${redactUrl(url)} (dropped and rebuilt)`);
  await dropDatabase(url);
  await ensureDatabase(url);
  await applyMigrations(url);

  const client = new pg.Client({ connectionString: url });
  client.on("error", (error) => log(`database connection error: ${error.message}`));
  await client.connect();
  const buildSeconds = workspaces ? await buildDataset(client) : 0;
  const rows = (
    await client.query(`SELECT (SELECT count(*) FROM workspaces) AS w, (SELECT count(*) FROM team_members) AS m,
    (SELECT count(*) FROM billing_config) AS b, (SELECT count(*) FROM integrations_config) AS i`)
  ).rows[0];
  if (workspaces) {
    log(
      `• Built ${rows.w} workspaces, ${rows.m} team members, ${rows.b} billing configs, ${rows.i} integrations in ${buildSeconds.toFixed(0)} s`,
    );
  }

  const statementStats = values.statements ? await startStatementStats(client) : null;
  if (statementStats && !statementStats.available) log(`• Statements: skipped, ${statementStats.reason}`);

  const db = createPrismaClient(url);
  const readPool = createPool(url, { pipeline: true });
  const queries: QueryResult[] | null = onePart
    ? null
    : await runQueryBench(
        client,
        { db, pool: readPool },
        {
          workspaces,
          samples,
          noIndexSamples,
          progress: (label) => log(`  measuring: ${label}`),
        },
      );
  const version = (await client.query("SHOW server_version")).rows[0].server_version as string;
  const postmasterPid = postmasterOf((await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number);

  if (!deliveriesOnly && buildIsStale()) {
    log("• Building the app for the page and ingestion benchmarks");
    const build = spawnSync("npx", ["next", "build"], {
      stdio: "inherit",
      env: childProcessEnv({ NODE_ENV: "production", DATABASE_URL: undefined, NEXT_TELEMETRY_DISABLED: "1" }),
    });
    if (build.status !== 0) throw new Error("next build failed");
  }
  let pages: Awaited<ReturnType<typeof runPageBench>> | null = null;
  if (!onePart || pagesOnly) {
    log(`• Pages against the floor app: ${concurrency} clients, ${rounds} rounds of ${seconds} s per request`);
    pages = await runPageBench(db, url, {
      ports: { ours: env.E2E_PORT + 1, floor: env.E2E_PORT + 2 },
      concurrency,
      seconds,
      rounds,
      memoryRequests,
      postmasterPid,
      log,
    });
  }
  const ingestion =
    onePart && !ingestOnly
      ? null
      : (log(`• Usage ingestion over HTTP: ${INGEST_CLIENTS} clients, ${seconds} s per run`),
        await runIngestBench(client, url, { port: env.E2E_PORT + 3, concurrency: INGEST_CLIENTS, seconds, log }));
  const webhooks =
    onePart && !webhooksOnly
      ? null
      : (log(`• Stripe webhook inbox over HTTP: ${WEBHOOK_SENDERS} senders, bursts of ${webhookEvents} events`),
        await runWebhookBench(client, url, {
          port: env.E2E_PORT + 4,
          stripePort: env.E2E_PORT + 5,
          concurrency: WEBHOOK_SENDERS,
          events: webhookEvents,
          // 80 workspaces for 1,000 events: 12.5 rounds, so each gets every kind of event (webhook-events.ts).
          workspaces: Math.max(1, Math.round(webhookEvents * 0.08)),
          log,
        }));
  const deliveries =
    onePart && !deliveriesOnly
      ? null
      : (log(
          `• Integration delivery: one worker, 3 local receivers, ${deliveryIdleEvents} idle events, a burst of ${deliveryEvents}`,
        ),
        await runDeliveryBench(client, url, {
          idleEvents: deliveryIdleEvents,
          burstEvents: deliveryEvents,
          engine: deliveryEngine,
          log,
        }));
  if (statementStats?.available) {
    const top = await topStatements(client);
    console.log(`\n## Top statements by total execution time (pg_stat_statements)\n\n${statementTable(top)}\n`);
    const file = await writeStatements(top, {
      arguments: process.argv.slice(2),
      scale: {
        workspaces: Number(rows.w),
        teamMembers: Number(rows.m),
        billing: Number(rows.b),
        integrations: Number(rows.i),
      },
      server: version,
      database: databaseName(url),
    });
    log(`• Wrote ${file}`);
  }
  await client.end();
  await db.$disconnect();
  await readPool.end();

  const summaries = pages ? summarize(pages) : null;
  const targets = targetTable([
    ...(pages && summaries ? targetRows(pages, summaries, queries) : []),
    ...(ingestion ? ingestTargetRows(ingestion) : []),
    ...(webhooks ? webhookTargetRows(webhooks) : []),
    ...(deliveries ? deliveryTargetRows(deliveries) : []),
  ]);
  const scale = `${Number(rows.w).toLocaleString("en-US")} workspaces · ${Number(rows.m).toLocaleString("en-US")} team members · ${Number(rows.b).toLocaleString("en-US")} billing configs · ${Number(rows.i).toLocaleString("en-US")} integrations`;
  const queryReport = queries
    ? `## Queries (${scale}; ${samples} random workspaces per query, ${noIndexSamples} without indexes)\n\n${queryTable(queries)}\n\n`
    : "";
  const pageReport = pages
    ? `## Pages against the floor app (database: ${workspaces ? scale : "the page fixture only"})

${loadTable(pages, summaries!)}

${requestTable(pages)}

${startTable(pages)}
`
    : "";
  const ingestReport = ingestion
    ? `## Usage ingestion over HTTP (${ingestion.concurrency} clients, ${ingestion.seconds} s per run)\n\n${ingestTable(ingestion)}\n`
    : "";
  const webhookReport = webhooks
    ? `## Stripe webhook inbox over HTTP (${webhooks.concurrency} senders, each event signed as it is sent)\n\n${webhookTable(webhooks)}\n`
    : "";
  const deliveryReport = deliveries
    ? `## Integration delivery (one worker, ${deliveries.integrations} local receivers${Object.keys(deliveries.engine).length ? `, engine ${JSON.stringify(deliveries.engine)}` : ""})\n\n${deliveryTable(deliveries)}\n\nWhere the time went (database timestamps):\n\n${deliveryTimingTable(deliveries)}\n`
    : "";
  console.log(
    `\n${queryReport}${pageReport}${ingestReport}${webhookReport}${deliveryReport}\n## Targets\n\n${targets}\n`,
  );

  const pageErrors = pages
    ? pages.targets.reduce((sum, t) => sum + t.rounds.reduce((s, r) => s + r.errors, 0), 0) + pages.memory.errors
    : 0;
  const ingestErrors = ingestion ? ingestion.runs.reduce((sum, run) => sum + run.errors, 0) : 0;
  const inexact = ingestion ? ingestion.runs.filter((run) => !run.exact).length : 0;
  const notOnce = webhooks ? webhooks.bursts.filter((burst) => burst.problems.length > 0) : [];
  const deliveryFaults = deliveries ? deliveryProblems(deliveries) : [];
  if (pageErrors + ingestErrors > 0 || inexact > 0 || notOnce.length > 0 || deliveryFaults.length > 0) {
    if (pageErrors) log(`✗ ${pageErrors} page requests answered wrongly (not 200 with the expected content)`);
    if (ingestErrors) log(`✗ ${ingestErrors} usage reports answered wrongly (not 200 "recorded")`);
    if (inexact) log(`✗ usage totals are not exact after ${inexact} ingestion run(s)`);
    for (const burst of notOnce) log(`✗ webhook burst "${burst.name}" not exactly once: ${burst.problems.join("; ")}`);
    for (const problem of deliveryFaults) log(`✗ integration delivery not exactly once: ${problem}`);
    failed = true;
  } else if (values.write) {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const machine = `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, PostgreSQL ${version} (${env.BENCH_DATABASE_URL ? "server" : "embedded, default settings"}), database ${databaseName(url)}`;
    const command = [
      "npm run bench --",
      pagesOnly ? "--pages" : "",
      ingestOnly ? "--ingest" : "",
      webhooksOnly ? "--webhooks" : "",
      deliveriesOnly ? "--deliveries" : "",
      values.workspaces !== undefined || !onePart ? `--workspaces ${workspaces}` : "",
      onePart ? "" : `--samples ${samples}`,
      `--seconds ${seconds} --rounds ${rounds} --concurrency ${concurrency} --memory-requests ${memoryRequests} --webhook-events ${webhookEvents} --delivery-events ${deliveryEvents} --delivery-idle-events ${deliveryIdleEvents}`,
      values["delivery-engine"] ? `--delivery-engine '${JSON.stringify(deliveryEngine)}'` : "",
      "--write",
    ]
      .filter(Boolean)
      .join(" ");
    const report = `## Targets\n\n${targets}\n\n${queryReport}${pageReport}${ingestReport}${webhookReport}${deliveryReport}`;
    const doc = benchmarkDoc({ machine, command, report, buildSeconds });
    const prettierOptions = await prettier.resolveConfig("docs/benchmarks.md");
    writeFileSync(
      "docs/benchmarks.md",
      await prettier.format(doc, { ...prettierOptions, filepath: "docs/benchmarks.md" }),
    );
    log("• Wrote docs/benchmarks.md");
  }
} finally {
  await embedded?.stop();
}
// Explicitly: embedded-postgres's exit hook ends the process with 0 when the event loop empties.
if (failed) process.exit(1);

/** The seed's scale: `workspaces` workspaces with everything hanging off them, built in batches. Returns seconds taken. */
async function buildDataset(client: pg.Client): Promise<number> {
  const started = performance.now();
  const batch = Math.min(5000, workspaces);
  for (let from = 1; from <= workspaces; from += batch) {
    const to = Math.min(workspaces, from + batch - 1);
    await insertBatch(client, from, to);
    const done = to / workspaces;
    const bar = "█".repeat(Math.round(done * 30)).padEnd(30, "░");
    process.stderr.write(
      `\r  building ${bar} ${(done * 100).toFixed(0)}%  ${to.toLocaleString("en-US")} workspaces, ${(to * MEMBERS_PER_WORKSPACE).toLocaleString("en-US")} members, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  process.stderr.write("\n");
  await client.query("VACUUM ANALYZE");
  return (performance.now() - started) / 1000;
}

/** Writes the results between the markers of docs/benchmarks.md, keeping the hand-written analysis around them. */
function benchmarkDoc(args: { machine: string; command: string; report: string; buildSeconds: number }): string {
  const results = `${START}
Reproduce with \`${args.command}\`.

- **Date:** ${new Date().toISOString().slice(0, 10)}
- **Machine:** ${args.machine}
${args.buildSeconds ? `- **Data build:** ${args.buildSeconds.toFixed(0)} s (server-side \`INSERT … SELECT generate_series\`, 5,000 workspaces per batch)\n` : ""}
${args.report}
${END}`;
  const current = existsSync("docs/benchmarks.md") ? readFileSync("docs/benchmarks.md", "utf8") : "";
  if (current.includes(START) && current.includes(END)) {
    return current.slice(0, current.indexOf(START)) + results + current.slice(current.indexOf(END) + END.length);
  }
  return `# Benchmarks\n\n${results}\n`;
}
