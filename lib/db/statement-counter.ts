import type pg from "pg";
import { requestStore } from "../request-store";

/**
 * Counts the SQL statements a request sends, for the statement budgets
 * (docs/benchmarks.md): when our server counts (`--count-statements`), every
 * request's store carries a counter, and each `query` on a pooled client adds
 * one. Outside such a request, or when the server does not count, it does
 * nothing.
 */
export function countStatementsOf(client: pg.PoolClient): void {
  // The class's query, looked up on each call (so a test that instruments pg.Client still sees these clients).
  const classQuery = () => (Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown }).query;
  client.query = ((...args: unknown[]) => {
    const store = requestStore().getStore();
    if (store?.statements !== undefined) store.statements += 1;
    return classQuery().apply(client, args);
  }) as typeof client.query;
}
