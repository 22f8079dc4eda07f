import type pg from "pg";
import { preparedQuery } from "./prepared-statement";

export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * Runs `statements` in one transaction in one round trip: BEGIN, each
 * statement and COMMIT are written to a pipelined connection without waiting
 * for answers (each with its own Sync, so an error does not stop the server
 * from reading what follows). After an error the transaction is aborted: every
 * later statement fails and COMMIT rolls back. The results come back in order;
 * the first error is thrown once all have answered.
 */
export async function pipelinedTransaction(pool: pg.Pool, statements: Statement[]): Promise<pg.QueryResult[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // Only on an idle connection: BEGIN cannot fail there, so nothing after it runs outside the transaction.
    if (client.getTransactionStatus() !== "I") throw new Error("pooled connection is not idle");
    const sent = [
      client.query("BEGIN"),
      ...statements.map((statement) => client.query(preparedQuery(statement.text, statement.values))),
      client.query("COMMIT"),
    ];
    const settled = await Promise.allSettled(sent);
    const failed = settled.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    return settled.slice(1, -1).map((result) => (result as PromiseFulfilledResult<pg.QueryResult>).value);
  } catch (error) {
    // A connection that failed outside SQL (reset, timeout) is not reused; a statement error leaves it clean.
    if (!(error instanceof Error && "severity" in error))
      broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}
