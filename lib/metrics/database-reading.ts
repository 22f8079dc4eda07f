import { systemDb } from "../db/prisma";
import type { Prisma } from "../generated/prisma/client";
import { logger } from "../logger";

/** A scrape waits on the database at most this long per reading: a slow database cannot hang it. */
export const READING_TIMEOUT_MS = 2000;

/** One query on the system client under a statement timeout (in its own transaction). */
export async function readWithTimeout<T>(query: Prisma.Sql): Promise<T[]> {
  const db = systemDb();
  const [, rows] = await db.$transaction([
    db.$queryRaw`SELECT set_config('statement_timeout', ${String(READING_TIMEOUT_MS)}, true)`,
    db.$queryRaw<T[]>(query),
  ]);
  return rows;
}

/**
 * A database reading shared by the gauges of one scrape: they all ask at once (prom-client collects
 * every metric together) and get the one answer. null when it failed: the failure is logged, the
 * gauges show nothing and `settings_metrics_reading_up` says 0, but the scrape still answers.
 */
export function sharedReading<T>(name: string, read: () => Promise<T>): () => Promise<T | null> {
  let inFlight: Promise<T | null> | null = null;
  return () =>
    (inFlight ??= read()
      .catch((error: unknown) => {
        // Only the message and code: pg errors can carry the whole client (and its connection settings).
        const { message, code } = error as { message?: string; code?: string };
        logger.warn({ error: { message, code }, reading: name }, "metrics: a database reading failed");
        return null;
      })
      .finally(() => {
        inFlight = null;
      }));
}
