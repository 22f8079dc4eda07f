import pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { unnamedStatementsOf } from "../db/prepared-statement";
import { env } from "../env";
import { onShutdown } from "../lifecycle";
import { AppError } from "../errors";
import { registerPool } from "../db/pools";
import { countRateLimitRefusal } from "../metrics/rate-limit-metrics";

/**
 * Rate limits shared by every app instance: rate-limiter-flexible on the app's
 * own PostgreSQL (table `rate_limits`, created by a migration).
 */
export interface Budget {
  limiter: RateLimiterPostgres;
  key: string;
}

const cache = globalThis as unknown as { rateLimitPool?: pg.Pool; rateLimiters?: Map<string, RateLimiterPostgres> };

export function rateLimiter(keyPrefix: string, points: number, durationSeconds: number): RateLimiterPostgres {
  // Every API-key request takes its budget here first: as many connections as the read pool, so that the
  // budget check never queues behind a smaller pool (docs/benchmarks.md, "Usage ingestion").
  cache.rateLimitPool ??= rateLimitPool();
  cache.rateLimiters ??= new Map();
  const id = `${keyPrefix}:${points}:${durationSeconds}`;
  let limiter = cache.rateLimiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: cache.rateLimitPool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix,
      points,
      duration: durationSeconds,
    });
    cache.rateLimiters.set(id, limiter);
  }
  return limiter;
}

function rateLimitPool(): pg.Pool {
  const pool = registerPool("rate-limit", new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 }));
  // An idle client that loses its connection is dropped by the pool; without a listener the error would crash the process.
  pool.on("error", () => undefined);
  // rate-limiter-flexible names its statements; behind a transaction pooler they must go unnamed.
  if (env.DATABASE_PREPARED_STATEMENTS === "off") pool.on("connect", unnamedStatementsOf);
  onShutdown(() => pool.end());
  return pool;
}

/**
 * The limiter's refusal, recognised by its shape: the package can be loaded
 * twice (once per bundle), so `instanceof RateLimiterRes` is not reliable.
 */
export function isRateLimiterRefusal(error: unknown): error is { msBeforeNext: number; remainingPoints: number } {
  return (
    typeof error === "object" &&
    error !== null &&
    !(error instanceof Error) &&
    typeof (error as { msBeforeNext?: unknown }).msBeforeNext === "number" &&
    typeof (error as { remainingPoints?: unknown }).remainingPoints === "number"
  );
}

/**
 * Takes `count` points from every budget, or none: when one refuses, what was
 * taken is given back (a refused attempt costs nobody anything) and the caller
 * gets a 429 with when to retry, phrased by `message`. The budgets live outside
 * the caller's transaction: the returned `refund` gives the points back when
 * the work they paid for does not happen after all.
 */
export async function consumeBudgets(
  budgets: Budget[],
  count: number,
  message: (retryAfterSeconds: number) => string,
): Promise<{ refund: () => Promise<void> }> {
  const taken: Budget[] = [];
  for (const budget of budgets) {
    try {
      await budget.limiter.consume(budget.key, count);
      taken.push(budget);
    } catch (error) {
      if (!isRateLimiterRefusal(error)) throw error;
      countRateLimitRefusal(budget.limiter.keyPrefix);
      await Promise.all([budget, ...taken].map((b) => b.limiter.reward(b.key, count)));
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AppError("rate_limited", message(retryAfterSeconds), { retryAfterSeconds });
    }
  }
  return { refund: () => Promise.all(taken.map((b) => b.limiter.reward(b.key, count))).then(() => undefined) };
}

export const inMinutes = (seconds: number) => `${Math.ceil(seconds / 60)} minute${seconds > 60 ? "s" : ""}`;
