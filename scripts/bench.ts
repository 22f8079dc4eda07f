// `npm run bench`: the seed's "Performance Benchmarks" at the seed's scale
// (100K workspaces, 1M team members, 100K billing rows, 300K integrations) in a
// database of its own, the six queries through raw SQL and through the app's
// data layer, with and without indexes, and the settings pages under load.
//   npm run bench -- --workspaces 2000 --samples 100 --seconds 2   (small, as CI runs it)
//   npm run bench -- --write                                        (full; writes docs/benchmarks.md)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { parseArgs } from "node:util";
import { databaseName, redactUrl, withDatabase } from "../lib/db/database-url";
import { dropDatabase, ensureDatabase } from "../lib/db/create-database";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/migrations/apply-migrations";
import { createPrismaClient } from "../lib/db/prisma";
import { childProcessEnv, env } from "../lib/env";
import { buildIsStale } from "./build-freshness";
import { insertBatch, MEMBERS_PER_WORKSPACE } from "./bench/dataset";
import { runPageBench } from "./bench/page-bench";
import { runQueryBench } from "./bench/query-bench";
import { pageTable, queryTable } from "./bench/report";

const START = "<!-- results:start -->";
const END = "<!-- results:end -->";

const { values } = parseArgs({
  options: {
    workspaces: { type: "string", default: "100000" },
    samples: { type: "string", default: "1000" },
    "no-index-samples": { type: "string" },
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "10" },
    write: { type: "boolean", default: false },
  },
});
const workspaces = Number(values.workspaces);
const samples = Number(values.samples);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const noIndexSamples = Number(values["no-index-samples"] ?? Math.max(5, Math.min(50, Math.round(samples / 20))));
for (const [name, value] of Object.entries({ workspaces, samples, seconds, concurrency, noIndexSamples })) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a positive whole number`);
    process.exit(2);
  }
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const embedded = env.BENCH_DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: `${env.EMBEDDED_PG_DATA_DIR}-bench`, port: env.EMBEDDED_PG_PORT + 2 });
const url = env.BENCH_DATABASE_URL ?? withDatabase(embedded!.url, "settings_bench");
try {
  log(`• Benchmark database ${redactUrl(url)} (dropped and rebuilt)`);
  await dropDatabase(url);
  await ensureDatabase(url);
  await applyMigrations(url);

  const client = new pg.Client({ connectionString: url });
  client.on("error", (error) => log(`database connection error: ${error.message}`));
  await client.connect();
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
  const buildSeconds = (performance.now() - started) / 1000;
  const counts = (
    await client.query(`SELECT (SELECT count(*) FROM workspaces) AS w, (SELECT count(*) FROM team_members) AS m,
    (SELECT count(*) FROM billing_config) AS b, (SELECT count(*) FROM integrations_config) AS i`)
  ).rows[0];
  log(
    `• Built ${counts.w} workspaces, ${counts.m} team members, ${counts.b} billing configs, ${counts.i} integrations in ${buildSeconds.toFixed(0)} s`,
  );

  const db = createPrismaClient(url);
  const queries = await runQueryBench(client, db, {
    workspaces,
    samples,
    noIndexSamples,
    progress: (label) => log(`  measuring: ${label}`),
  });
  const version = (await client.query("SHOW server_version")).rows[0].server_version as string;
  await client.end();

  if (buildIsStale()) {
    log("• Building the app for the page benchmark");
    const build = spawnSync("npx", ["next", "build"], {
      stdio: "inherit",
      env: childProcessEnv({ NODE_ENV: "production", DATABASE_URL: undefined, NEXT_TELEMETRY_DISABLED: "1" }),
    });
    if (build.status !== 0) throw new Error("next build failed");
  }
  log(`• Pages under load: ${concurrency} clients, ${seconds} s each`);
  const pages = await runPageBench(db, url, { port: env.E2E_PORT + 1, concurrency, seconds });
  await db.$disconnect();

  const scale = `${Number(counts.w).toLocaleString("en-US")} workspaces · ${Number(counts.m).toLocaleString("en-US")} team members · ${Number(counts.b).toLocaleString("en-US")} billing configs · ${Number(counts.i).toLocaleString("en-US")} integrations`;
  const report = `## Queries (${scale}; ${samples} random workspaces per query, ${noIndexSamples} without indexes)\n\n${queryTable(queries)}\n\n## Pages and a server action\n\n${pageTable(pages, concurrency)}\n`;
  console.log(`\n${report}`);

  if (values.write) {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const machine = `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, PostgreSQL ${version} (${env.BENCH_DATABASE_URL ? "server" : "embedded, default settings"}), database ${databaseName(url)}`;
    const command = `npm run bench -- --workspaces ${workspaces} --samples ${samples} --seconds ${seconds} --concurrency ${concurrency} --write`;
    writeFileSync("docs/benchmarks.md", benchmarkDoc({ machine, command, report, buildSeconds }));
    log("• Wrote docs/benchmarks.md");
  }
} finally {
  await embedded?.stop();
}

/** Writes the results between the markers of docs/benchmarks.md, keeping the hand-written analysis around them. */
function benchmarkDoc(args: { machine: string; command: string; report: string; buildSeconds: number }): string {
  const results = `${START}
Reproduce with \`${args.command}\`.

- **Date:** ${new Date().toISOString().slice(0, 10)}
- **Machine:** ${args.machine}
- **Data build:** ${args.buildSeconds.toFixed(0)} s (server-side \`INSERT … SELECT generate_series\`, 5,000 workspaces per batch)

${args.report}
${END}`;
  const current = existsSync("docs/benchmarks.md") ? readFileSync("docs/benchmarks.md", "utf8") : "";
  if (current.includes(START) && current.includes(END)) {
    return current.slice(0, current.indexOf(START)) + results + current.slice(current.indexOf(END) + END.length);
  }
  return `# Benchmarks\n\n${results}\n`;
}
