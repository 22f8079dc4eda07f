import pg from "pg";
import { env } from "../env";
import { unnamedStatementsOf } from "./prepared-statement";
import { countStatementsOf } from "./statement-counter";

/**
 * A connection pool whose clients count their statements per request
 * (lib/db/statement-counter.ts). `pipeline: true` sends a client's queued
 * queries without waiting for each answer: the read path
 * (lib/db/pipelined-transaction.ts) sends BEGIN, its statements and COMMIT in
 * one round trip. The pool is registered under `name` (docs/metrics.md); without
 * one, a pipelined pool is the read pool and any other the system client's.
 */
export function createPool(connectionString: string, options: { pipeline?: boolean; name?: string } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10, pipeline: options.pipeline ?? false });
  pool.on("connect", countStatementsOf);
  if (env.DATABASE_PREPARED_STATEMENTS === "off") pool.on("connect", unnamedStatementsOf);
  // An idle client that loses its connection is dropped by the pool; without a listener the error would crash the process.
  pool.on("error", () => undefined);
  return registerPool(options.name ?? (options.pipeline ? "read" : "system"), pool);
}

export interface RegisteredPool {
  name: string;
  pool: pg.Pool;
}

// One registry per process, on globalThis: a module loaded twice (two bundles) still sees every pool.
const POOLS = Symbol.for("settings-platform.pools");
const holder = globalThis as unknown as { [POOLS]?: Map<pg.Pool, string> };

/** Adds a pool to the process's registry (the pool metrics read it; shutdown closes what it holds). */
export function registerPool(name: string, pool: pg.Pool): pg.Pool {
  (holder[POOLS] ??= new Map()).set(pool, name);
  return pool;
}

/** The process's pools that are still open, each with its name (several may share one). */
export function registeredPools(): RegisteredPool[] {
  const pools = holder[POOLS] ?? new Map<pg.Pool, string>();
  const open: RegisteredPool[] = [];
  for (const [pool, name] of pools) {
    if (pool.ending || pool.ended) pools.delete(pool);
    else open.push({ name, pool });
  }
  return open;
}
