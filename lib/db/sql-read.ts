import type pg from "pg";
import type { Prisma } from "../generated/prisma/client";
import { preparedQuery } from "./prepared-statement";
import type { Db } from "./prisma";
import type { TenantTx } from "./tenant-transaction";

/**
 * One read as one SQL statement and how its rows become the result. The same
 * definition runs on the one-round-trip read path (`readWorkspace`,
 * lib/access/read-workspace.ts) and inside a Prisma tenant transaction
 * (`runRead`), so a page, its REST route and a team change read alike. Write the
 * SQL so both drivers return the same shapes: counts cast to int, nested rows
 * as JSON, numeric and bigint columns read with Number().
 */
export interface SqlRead<T> {
  sql: Prisma.Sql;
  map: (rows: Record<string, unknown>[]) => T;
}

/** Runs a read in a Prisma transaction that is already bound to the workspace (or on the system client). */
export async function runRead<T>(tx: TenantTx | Db, read: SqlRead<T>): Promise<T> {
  return read.map(await tx.$queryRaw<Record<string, unknown>[]>(read.sql));
}

/** Runs a read that crosses workspaces as one statement on a `pg` pool (the read pool: no transaction, no RLS). */
export async function queryRead<T>(pool: pg.Pool, read: SqlRead<T>): Promise<T> {
  return read.map((await pool.query(preparedQuery(read.sql.text, read.sql.values))).rows);
}

/** A timestamp from either driver or from JSON (ISO text), as ISO text; null stays null. */
export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}
