import { createHash } from "node:crypto";
import type pg from "pg";
import { env } from "../env";

/**
 * A read statement as node-postgres sends it: named after its text when prepared statements are
 * on (`DATABASE_PREPARED_STATEMENTS`), so each connection parses and plans it once and reuses the
 * plan (PostgreSQL switches to a generic plan when it is as good), instead of planning it on every
 * request — for the Team page's read that was more than half of PostgreSQL's work. The text
 * decides the name, so one text is one prepared statement per connection.
 */
export function preparedQuery(
  text: string,
  values: unknown[],
  setting: "on" | "off" = env.DATABASE_PREPARED_STATEMENTS,
): pg.QueryConfig {
  if (setting === "off") return { text, values };
  return { name: `read_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`, text, values };
}

/**
 * Makes a pool client send every statement unnamed when prepared statements are off: behind a
 * transaction-mode pooler a named statement lands on whichever server connection is free, where it
 * is missing or already exists. Libraries that name their statements (rate-limiter-flexible) then
 * work unchanged. See docs/decisions/014-pgbouncer-transaction-pooling.md.
 */
export function unnamedStatementsOf(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, ...rest: unknown[]) => {
    if (typeof config === "object" && config !== null && "name" in config && "text" in config) {
      const { name: _name, ...unnamed } = config as { name?: string };
      return query(unnamed, ...rest);
    }
    return query(config, ...rest);
  }) as typeof client.query;
}
