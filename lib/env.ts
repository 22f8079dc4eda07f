// The one place that reads process.env. Everything else imports `env`.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const port = z.coerce.number().int().min(1).max(65535);

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /**
     * PostgreSQL to use. Unset: `npm run dev` and `npm test` start an embedded PostgreSQL 15. In
     * production: the login role, with `sslmode=verify-full&sslrootcert=…` (docs/database-tls.md).
     */
    DATABASE_URL: z.url().optional(),
    /**
     * The migration owner's connection (DDL: migrations, `npm run db:roles`, backups), straight to
     * PostgreSQL, not through a pooler. Unset: DATABASE_URL. See docs/operations.md.
     */
    DATABASE_ADMIN_URL: z.url().optional(),
    /** Public base URL of the app (links in emails). */
    APP_URL: z.url().default("http://localhost:3000"),
    /** Port `npm run dev` serves on. */
    PORT: port.default(3000),
    /** base64 of 32 random bytes; AES-256-GCM key for integration credentials. Required in production. */
    INTEGRATION_CREDENTIALS_KEY: z.string().optional(),
    /** Comma-separated older keys, still accepted for decryption while rotating. */
    INTEGRATION_CREDENTIALS_PREVIOUS_KEYS: z.string().optional(),
    /** Signs Auth.js cookies and tokens. Required in production (`openssl rand -base64 32`). */
    AUTH_SECRET: z.string().min(16).optional(),
    /** Public URL Auth.js builds its links and redirects from (read by next-auth itself). `npm run dev` and `npm test` set it. */
    AUTH_URL: z.url().optional(),
    /** SMTP server for sign-in links and notifications, e.g. smtp://user:pass@smtp.example.com:587. */
    EMAIL_SERVER: z.string().optional(),
    /** Sender of outgoing email. */
    EMAIL_FROM: z.string().default("Agent Observability <no-reply@localhost>"),
    /** GitHub OAuth app; sign-in with GitHub appears when both are set. */
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    /**
     * Proxies in front of the app whose X-Forwarded-For may be believed (0: the
     * TCP peer is the client). Behind one load balancer: 1.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** 1: serve the development mailbox (/dev/mailbox) to loopback clients and print sign-in links. `npm run dev` sets it. */
    DEV_MAILBOX: z.enum(["0", "1"]).default("0"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /**
     * Reads keep their statements prepared on each connection (named statements), so PostgreSQL
     * plans them once per connection instead of on every request. `off` behind a pooler that
     * cannot keep prepared statements (pgBouncer before 1.21 in transaction mode).
     * See docs/decisions/007-one-round-trip-reads.md.
     */
    DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
    /**
     * The job worker's wake-ups by LISTEN/NOTIFY (pg-boss). `off` when the worker's DATABASE_URL goes
     * through a transaction-mode pooler, which cannot hold a LISTEN: workers then poll. Better still,
     * point workers straight at PostgreSQL. See docs/decisions/014-pgbouncer-transaction-pooling.md.
     */
    JOBS_LISTEN_NOTIFY: z.enum(["on", "off"]).default("on"),
    /**
     * Whether GET /api/ready wants a job worker's heartbeat within the last minute. `false` only for an
     * app that runs no jobs at all; a deployment runs `npm run worker` (docs/operations.md).
     */
    READINESS_REQUIRES_WORKER: z.enum(["true", "false"]).default("true"),
    /** Seconds a stopping app keeps serving (readiness already 503) so its load balancer can take it out. */
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(0),
    /** Seconds a stopping app waits for requests in flight before it gives up on them (exit 1). */
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0).max(600).default(25),
    /**
     * Requests each API key may make per minute, shared by every app instance (429 with
     * Retry-After and RateLimit-* headers beyond it). See docs/decisions/008-api-keys-and-scopes.md.
     */
    API_KEY_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(6000),
    /**
     * Stripe secret key (`sk_test_…` or `sk_live_…`, or a restricted `rk_…`). With STRIPE_WEBHOOK_SECRET
     * it turns payments on; without them the Billing tab shows plan and usage only.
     */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, "a Stripe secret key: sk_test_… or sk_live_…")
      .optional(),
    /** Signing secret of the webhook endpoint `/api/webhooks/stripe` (`whsec_…`). */
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/=_-]+$/, "a webhook signing secret: whsec_…")
      .optional(),
    /**
     * Another Stripe-compatible API for development and tests, e.g. http://127.0.0.1:12111.
     * Production refuses anything but Stripe's own API.
     */
    STRIPE_API_BASE: z.url().optional(),
    /** Embedded PostgreSQL: data directory and port (dev). Tests use `<dir>-test` and port + 1. */
    EMBEDDED_PG_DATA_DIR: z.string().default(".data/postgres"),
    EMBEDDED_PG_PORT: port.default(54329),
    /** Chromium used by Playwright; browser downloads do not work on our machines. */
    PLAYWRIGHT_CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
    /** Port of the app server Playwright starts. */
    E2E_PORT: port.default(3100),
    /** Where the test SMTP sink writes received messages (set by `npm test` for Playwright). */
    E2E_MAILBOX_DIR: z.string().optional(),
    /** Where the browser tests' app server writes its log (set by `npm test`; scanned for secrets). */
    E2E_SERVER_LOG: z.string().optional(),
    /**
     * true: integrations may send to private, loopback and link-local addresses (local receivers in
     * development and tests). Production refuses to start with it (docs/integrations.md).
     */
    INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: z.enum(["true", "false"]).default("false"),
    /**
     * Development and tests only: send PagerDuty and Datadog requests to this origin instead of
     * their own hosts (a local receiver). Production refuses it.
     */
    INTEGRATIONS_SERVICE_ORIGIN: z.url().optional(),
    /**
     * Bearer token a Prometheus scraper sends to GET /api/metrics (`openssl rand -hex 32`). Unset: the
     * route answers 404. See docs/metrics.md.
     */
    METRICS_TOKEN: z.string().min(16).optional(),
    /** Database for `npm run bench` (it is dropped and rebuilt); unset: an embedded PostgreSQL of its own. */
    BENCH_DATABASE_URL: z.url().optional(),
    /** Set by CI systems; Playwright retries nothing and forbids `.only` when set. */
    CI: z.string().optional(),
    /** Placeholder Prisma's CLI checks for before `prisma generate` (generation needs no engine). */
    PRISMA_SCHEMA_ENGINE_BINARY: z.string().optional(),
  },
  client: {},
  // Server-only variables are read from process.env as it is at start-up.
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
});

/** Whether APP_URL was set explicitly (production refuses the localhost default). */
export const appUrlIsSet = Boolean(process.env.APP_URL?.trim());

/**
 * Sets variables in this process's environment for the processes it starts afterwards (the test
 * harness hands the fake Stripe API to Vitest's workers this way). Modules already loaded keep the
 * `env` they read.
 */
export function exportToChildProcesses(values: Record<string, string>): void {
  Object.assign(process.env, values);
}

/** The environment for a child process we spawn, with overrides. */
export function childProcessEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
