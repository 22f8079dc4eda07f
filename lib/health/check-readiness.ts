import type { Db } from "../db/prisma";
import { HEARTBEAT_MAX_AGE_SECONDS } from "../jobs/worker-heartbeat";

/** One readiness check: passed, or failed with what to fix. */
export type Check = { ok: true; detail?: string } | { ok: false; error: string };

export interface ReadinessReport {
  status: "ready" | "not_ready";
  /** The checks that failed, by name (empty when ready). */
  failing: string[];
  checks: Record<"shutdown" | "database" | "migrations" | "credentials" | "worker", Check>;
  checkedAt: string;
}

export interface ReadinessInputs {
  db: () => Db;
  /** The migrations this build ships (prisma/migrations folder names). */
  expectedMigrations: () => string[];
  /** Throws when the credentials key is missing or unusable (lib/crypto/credentials-key.ts). */
  loadCredentialsKey: () => unknown;
  /** Whether jobs are expected: then a worker must have beaten within HEARTBEAT_MAX_AGE_SECONDS. */
  requireWorker: boolean;
  shuttingDown: () => boolean;
  timeoutMs?: number;
}

interface DatabaseState {
  applied: string[];
  newest_beat_age: number | null;
}

/**
 * GET /api/ready: may this instance take traffic? The database answers (one round trip, bounded),
 * every migration this build ships is applied, the credentials key loads, a worker beat recently
 * (when jobs are expected), and the process is not shutting down. Each failure says what to fix,
 * without secrets or connection strings. See docs/operations.md ("Health and readiness").
 */
export async function checkReadiness(
  inputs: ReadinessInputs,
): Promise<{ httpStatus: 200 | 503; report: ReadinessReport }> {
  const timeoutMs = inputs.timeoutMs ?? 3000;
  const shutdown: Check = inputs.shuttingDown() ? { ok: false, error: "shutting down" } : { ok: true };

  let state: DatabaseState | null = null;
  let database: Check;
  const started = performance.now();
  try {
    const rows = await withTimeout(
      inputs.db().$queryRaw<DatabaseState[]>`
        SELECT
          ARRAY(SELECT migration_name FROM _prisma_migrations
                 WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL) AS applied,
          (SELECT extract(epoch FROM now() - max(beat_at))::float FROM worker_heartbeats) AS newest_beat_age`,
      timeoutMs,
    );
    state = rows[0] ?? null;
    database = { ok: true, detail: `answered in ${Math.round(performance.now() - started)} ms` };
  } catch (error) {
    database = {
      ok: false,
      error: error instanceof TimeoutError ? `no answer within ${timeoutMs} ms` : "database unreachable",
    };
  }

  const migrations: Check = state ? migrationsCheck(inputs.expectedMigrations(), state.applied) : skipped();
  const worker: Check = !inputs.requireWorker
    ? { ok: true, detail: "not required (READINESS_REQUIRES_WORKER=false)" }
    : state
      ? workerCheck(state.newest_beat_age)
      : skipped();
  let credentials: Check;
  try {
    inputs.loadCredentialsKey();
    credentials = { ok: true };
  } catch (error) {
    credentials = { ok: false, error: error instanceof Error ? error.message : "the credentials key does not load" };
  }

  const checks = { shutdown, database, migrations, credentials, worker };
  const failing = Object.entries(checks)
    .filter(([, check]) => !check.ok)
    .map(([name]) => name);
  return {
    httpStatus: failing.length ? 503 : 200,
    report: { status: failing.length ? "not_ready" : "ready", failing, checks, checkedAt: new Date().toISOString() },
  };
}

function migrationsCheck(expected: string[], applied: string[]): Check {
  const done = new Set(applied);
  const missing = expected.filter((name) => !done.has(name));
  if (missing.length === 0) return { ok: true, detail: `${expected.length} applied` };
  return {
    ok: false,
    error: `${missing.length} migration(s) not applied: ${missing.join(", ")}. Run \`npm run db:migrate\` as the migration owner.`,
  };
}

function workerCheck(newestBeatAgeSeconds: number | null): Check {
  if (newestBeatAgeSeconds === null) {
    return { ok: false, error: "no job worker has ever reported: start `npm run worker`" };
  }
  if (newestBeatAgeSeconds > HEARTBEAT_MAX_AGE_SECONDS) {
    return {
      ok: false,
      error: `the newest worker heartbeat is ${Math.round(newestBeatAgeSeconds)} s old (limit ${HEARTBEAT_MAX_AGE_SECONDS} s): is \`npm run worker\` running?`,
    };
  }
  return { ok: true, detail: `last heartbeat ${Math.round(newestBeatAgeSeconds)} s ago` };
}

const skipped = (): Check => ({ ok: false, error: "not checked: the database did not answer" });

class TimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError()), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
