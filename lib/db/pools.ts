import pg from "pg";
import { env } from "../env";
import { unnamedStatementsOf } from "./prepared-statement";
import { countStatementsOf } from "./statement-counter";

/**
 * A connection pool whose clients count their statements per request
 * (lib/db/statement-counter.ts). `pipeline: true` sends a client's queued
 * queries without waiting for each answer: the read path
 * (lib/db/pipelined-transaction.ts) sends BEGIN, its statements and COMMIT in
 * one round trip.
 */
export function createPool(connectionString: string, options: { pipeline?: boolean } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10, pipeline: options.pipeline ?? false });
  pool.on("connect", countStatementsOf);
  if (env.DATABASE_PREPARED_STATEMENTS === "off") pool.on("connect", unnamedStatementsOf);
  // An idle client that loses its connection is dropped by the pool; without a listener the error would crash the process.
  pool.on("error", () => undefined);
  return pool;
}
