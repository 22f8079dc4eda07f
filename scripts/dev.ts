// `npm run dev`: the database (embedded PostgreSQL unless DATABASE_URL is
// set), migrations, the sample data on first run, then `next dev`.
import { spawn } from "node:child_process";
import { credentialsCipher } from "../lib/crypto/credentials-key";
import { redactUrl } from "../lib/db/database-url";
import { applyMigrations } from "../lib/db/migrations/apply-migrations";
import { createPrismaClient } from "../lib/db/prisma";
import { resolveDatabase } from "../lib/db/resolve-database";
import { startJobRunner } from "../lib/jobs/job-runner";
import { childProcessEnv, env } from "../lib/env";
import { seedSampleData } from "../prisma/sample-data";

const started = performance.now();
const database = await resolveDatabase("dev");
console.log(
  database.embedded
    ? `• Embedded PostgreSQL 15 is up (data in ${env.EMBEDDED_PG_DATA_DIR}, port ${env.EMBEDDED_PG_PORT}).`
    : `• Using DATABASE_URL ${redactUrl(database.url)}.`,
);

const applied = await applyMigrations(database.url);
console.log(`• Migrations: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}.`);

const db = createPrismaClient(database.url);
if ((await db.workspace.count()) === 0) {
  await seedSampleData(db, credentialsCipher());
  console.log("• Sample data loaded (workspace 00000000-0000-0000-0000-000000000001).");
}
await db.$disconnect();

const jobs = await startJobRunner(database.url);
console.log("• Jobs: the delivery engine (integrations), health checks, expiry, pruning, usage periods (pg-boss).");

// Our server in development mode (as `npm start`, it knows each connection's peer address).
const next = spawn("node", ["scripts/start-server.mjs", "--dev", "--port", String(env.PORT)], {
  stdio: ["inherit", "pipe", "inherit"],
  env: childProcessEnv({
    DATABASE_URL: database.url,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_URL: env.AUTH_URL ?? `http://localhost:${env.PORT}`,
    APP_URL: env.APP_URL,
    // Without SMTP, email goes to /dev/mailbox (served to this machine only) and the console.
    DEV_MAILBOX: "1",
  }),
});
let announced = false;
next.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /ready|started server|Local:/i.test(chunk.toString())) {
    announced = true;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `\n  Settings app: http://localhost:${env.PORT}  (ready in ${seconds}s; Ctrl+C stops app and database)\n`,
    );
  }
});

// Jobs first (they hold database connections), then the app, then the database,
// so nothing is left talking to a database that is going away.
let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await jobs.stop();
  if (next.exitCode === null) {
    const exited = new Promise((resolve) => next.once("exit", resolve));
    next.kill("SIGTERM");
    await exited;
  }
  await database.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));
