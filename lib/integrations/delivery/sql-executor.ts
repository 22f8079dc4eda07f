import type pg from "pg";
import type { Db as IDatabase } from "pg-boss";

/**
 * One shape for "run this SQL in my transaction", shared by the engine (node-postgres clients),
 * pg-boss (its `db` option, so a job is queued in the same transaction as the delivery it works)
 * and the Prisma transactions of the actions.
 */
export type SqlExecutor = IDatabase;

export function executorOf(client: pg.PoolClient | pg.Pool): SqlExecutor {
  return { executeSql: async (text, values) => ({ rows: (await client.query(text, values as unknown[])).rows }) };
}

/** Runs `work` in a transaction on a client of `pool`. */
export async function inTransaction<T>(pool: pg.Pool, work: (db: SqlExecutor) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(executorOf(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
