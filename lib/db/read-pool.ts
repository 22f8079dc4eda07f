import type pg from "pg";
import { env } from "../env";
import { onShutdown } from "../lifecycle";
import { createPool } from "./pools";
import { DatabaseNotConfiguredError } from "./prisma";

const cache = globalThis as unknown as { appReadPool?: pg.Pool };

/**
 * The read path's connections (plain `pg`, pipelined), beside Prisma's pool for
 * writes. Tenant reads use it only through `readWorkspace` (lib/access), which
 * opens every transaction with the chokepoint's statement; the settings
 * layout's request context (lib/access/settings-context.ts) reads the
 * caller's own session and memberships on it, like the system client.
 * See docs/decisions/007-one-round-trip-reads.md.
 */
export function readPool(): pg.Pool {
  if (!env.DATABASE_URL) throw new DatabaseNotConfiguredError();
  if (!cache.appReadPool) {
    const pool = createPool(env.DATABASE_URL, { pipeline: true });
    onShutdown(() => pool.end());
    cache.appReadPool = pool;
  }
  return cache.appReadPool;
}
