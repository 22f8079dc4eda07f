// `npm test`: the whole suite. It provides the database (embedded PostgreSQL,
// or DATABASE_URL when set), migrates and seeds it, runs the unit and
// integration tests (Vitest), builds the app if the build is stale, and runs
// the browser tests (Playwright on Debian's Chromium) against our production server (`npm start`).
//   npm test -- --unit-only | --e2e-only    run one half
//   npm test -- --unit-only lib/team         other arguments go to Vitest / Playwright (a file filter)
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { credentialsCipher, DEVELOPMENT_CREDENTIALS_KEY } from "../lib/crypto/credentials-key";
import { redactUrl } from "../lib/db/database-url";
import { applyMigrations } from "../lib/db/migrations/apply-migrations";
import { createPrismaClient } from "../lib/db/prisma";
import { ensureLoginRoleOn, loginRoleOf } from "../lib/db/roles/login-role";
import { resolveDatabase } from "../lib/db/resolve-database";
import { scanForSecrets } from "../lib/security/log-secret-scan";
import { childProcessEnv, env } from "../lib/env";
import { startFakeStripe } from "../lib/testing/fake-stripe";
import { startSmtpSink } from "../lib/testing/smtp-sink";
import { setupStripeCatalog } from "../lib/stripe/setup-catalog";
import { createStripeClient } from "../lib/stripe/stripe-client";
import { buildIsStale } from "./build-freshness";
import { seedSampleData } from "../prisma/sample-data";

const argv = process.argv.slice(2);
const args = new Set(argv);
const passThrough = argv.filter((arg) => arg !== "--unit-only" && arg !== "--e2e-only");
const runUnit = !args.has("--e2e-only");
const runE2e = !args.has("--unit-only");

const database = await resolveDatabase("test");
const LOG_DIR = path.resolve(".data/test-logs");
/** Every secret the suite hands to the app, looked for in its logs at the end. */
const secrets: string[] = [];
let failed = false;
try {
  console.log(`• Test database: ${redactUrl(database.url)}${database.embedded ? " (embedded)" : ""}`);
  // As the migration owner; the suite then connects as DATABASE_URL's login role when it differs
  // (CI's server leg: the least-privilege role through pgBouncer, docs/operations.md).
  await applyMigrations(database.adminUrl);
  const loginRole = loginRoleOf(database.url, database.adminUrl);
  if (loginRole) await ensureLoginRoleOn(database.adminUrl, loginRole);
  const db = createPrismaClient(database.adminUrl);
  await seedSampleData(db, credentialsCipher());
  // The browser tests all come from loopback and the integration tests from one test
  // address: give client addresses fresh sign-in and workspace budgets, so an earlier
  // run within the day does not spend them.
  await db.$executeRaw`DELETE FROM rate_limits WHERE key LIKE 'signin_ip:%' OR key LIKE 'workspace_ip:%'`;
  await db.$disconnect();

  const childEnv = childProcessEnv({ DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" });
  // Every log the suite writes lands in .data/test-logs as well, to be scanned for secrets at the end.
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  // Children run asynchronously so the in-process SMTP sink keeps answering.
  const run = async (
    command: string,
    commandArgs: string[],
    extraEnv: Record<string, string> = {},
    baseEnv = childEnv,
    logName?: string,
  ) => {
    console.log(`\n• ${command} ${commandArgs.join(" ")}`);
    const child = spawn(command, commandArgs, {
      stdio: logName ? ["inherit", "pipe", "pipe"] : "inherit",
      env: { ...baseEnv, ...extraEnv },
    });
    if (logName) {
      const log = createWriteStream(path.join(LOG_DIR, logName));
      child.stdout!.on("data", (chunk: Buffer) => (process.stdout.write(chunk), log.write(chunk)));
      child.stderr!.on("data", (chunk: Buffer) => (process.stderr.write(chunk), log.write(chunk)));
      child.on("exit", () => log.end());
    }
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    if (code !== 0) failed = true;
  };

  if (runUnit) await run("npx", ["vitest", "run", ...passThrough], {}, childEnv, "vitest.log");
  if (runE2e && !failed) {
    // Built as for production: without a database, as CI and deployments build it.
    if (buildIsStale())
      await run(
        "npm",
        ["run", "build"],
        {},
        childProcessEnv({ NODE_ENV: "production", DATABASE_URL: undefined, NEXT_TELEMETRY_DISABLED: "1" }),
      );
    if (!failed) {
      const authSecret = randomBytes(32).toString("base64");
      const metricsToken = randomBytes(24).toString("base64url");
      const credentialsKey = randomBytes(32).toString("base64");
      // A real SMTP server on loopback; each message lands as a JSON file the browser tests read.
      const mailboxDir = path.resolve(".data/e2e-mailbox");
      rmSync(mailboxDir, { recursive: true, force: true });
      mkdirSync(mailboxDir, { recursive: true });
      let count = 0;
      const sink = await startSmtpSink((email) =>
        writeFileSync(path.join(mailboxDir, `${Date.now()}-${++count}.json`), JSON.stringify(email)),
      );
      // The fake Stripe API on loopback with the plans' catalog (a test key: production accepts a
      // loopback STRIPE_API_BASE only with one). Specs reach its /_fake/ controls at STRIPE_API_BASE.
      const stripe = env.STRIPE_SECRET_KEY ? undefined : await startFakeStripe();
      if (stripe) await setupStripeCatalog(createStripeClient(stripe.secretKey, new URL(stripe.url)));
      const shared = {
        EMAIL_SERVER: sink.url,
        // GET /api/metrics answers this token (docs/metrics.md).
        METRICS_TOKEN: metricsToken,
        // Production refuses to start without its own key; the seeded secrets were encrypted with the
        // development key, which stays readable as a previous key.
        INTEGRATION_CREDENTIALS_KEY: credentialsKey,
        INTEGRATION_CREDENTIALS_PREVIOUS_KEYS: DEVELOPMENT_CREDENTIALS_KEY,
        APP_URL: `http://localhost:${env.E2E_PORT}`,
        // The specs' receivers listen on loopback (allowed because APP_URL is loopback: docs/integrations.md).
        INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: "true",
        ...(stripe
          ? {
              STRIPE_API_BASE: stripe.url,
              STRIPE_SECRET_KEY: stripe.secretKey,
              STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
            }
          : {}),
      };
      // The job worker (`npm run worker`: the delivery engine among the jobs), as a deployment runs it.
      const workerLog = path.join(LOG_DIR, "worker.log");
      // Node itself with tsx's loader, so that killing it ends the worker (a wrapper's child would outlive it).
      const worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
        stdio: ["ignore", openSync(workerLog, "w"), openSync(workerLog, "a")],
        env: { ...childEnv, ...shared },
      });
      try {
        await run(
          "npx",
          ["playwright", "test", ...passThrough],
          {
            ...shared,
            E2E_MAILBOX_DIR: mailboxDir,
            AUTH_SECRET: authSecret,
            AUTH_URL: `http://localhost:${env.E2E_PORT}`,
            // The app server's own log (playwright.config.ts sends it there).
            E2E_SERVER_LOG: path.join(LOG_DIR, "server.log"),
          },
          childEnv,
          "playwright.log",
        );
      } finally {
        worker.kill("SIGTERM");
        await new Promise((resolve) => (worker.exitCode === null ? worker.once("exit", resolve) : resolve(null)));
        await stripe?.stop();
        await sink.stop();
      }
      secrets.push(
        authSecret,
        metricsToken,
        credentialsKey,
        ...(stripe ? [stripe.secretKey, stripe.webhookSecret] : []),
      );
    }
  }
  // No secret in any log the suite wrote: the app's, the worker's, the test runners' (docs/operations.md, "Logs").
  const password = new URL(database.url).password;
  if (password && !database.embedded) secrets.push(decodeURIComponent(password));
  const findings = readdirSync(LOG_DIR).flatMap((name) =>
    scanForSecrets(name, readFileSync(path.join(LOG_DIR, name), "utf8"), secrets),
  );
  if (findings.length) {
    failed = true;
    console.error(`\n✗ Secrets in the suite's logs (${LOG_DIR}):`);
    for (const finding of findings.slice(0, 50)) console.error(`  ${finding.file}:${finding.line}: ${finding.kind}`);
  } else {
    console.log(`\n• No secrets in the suite's logs (${readdirSync(LOG_DIR).join(", ")}).`);
  }
} finally {
  await database.stop();
}
process.exit(failed ? 1 : 0);
