import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pg from "pg";

/** `npm run bench -- --statements`: the top statements by total execution time (docs/statements.md). */
export const STATEMENTS_FILE = ".data/bench/statements.json";
const TOP = 15;
const QUERY_CHARS = 160;

export interface StatementRow {
  /** pg_stat_statements' id of the normalised statement (a string: it is a bigint). */
  queryId: string;
  /** The role the statement ran as (the app's statements run as settings_app inside its RLS transactions). */
  role: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  /** Share of the total execution time of every statement in the bench database, %. */
  sharePercent: number;
  /** The normalised text on one line, cut to 160 characters. */
  query: string;
}

export type StatementStatsStart = { available: true } | { available: false; reason: string };

/** The text on one line (runs of whitespace become one space), cut to `QUERY_CHARS` with an ellipsis. */
export function oneLine(query: string): string {
  const line = query.replace(/\s+/g, " ").trim();
  return line.length > QUERY_CHARS ? `${line.slice(0, QUERY_CHARS - 1)}…` : line;
}

/**
 * Before the measured parts: the extension in the bench database and its counters for this
 * database reset. Never throws: a server without the library preloaded, or a role that may not
 * create the extension or reset it, gives a reason and the bench goes on without statements.
 */
export async function startStatementStats(client: pg.ClientBase): Promise<StatementStatsStart> {
  try {
    // Reading this setting needs a superuser or pg_read_all_settings; without either, the catch below says so.
    const { rows } = await client.query<{ libs: string }>("SELECT current_setting('shared_preload_libraries') AS libs");
    const preload = rows[0]?.libs ?? "";
    const loaded = preload
      .split(",")
      .map((lib) => lib.trim().replace(/^"|"$/g, ""))
      .includes("pg_stat_statements");
    if (!loaded) {
      return {
        available: false,
        reason: `the server does not load pg_stat_statements (shared_preload_libraries = '${preload}'); see docs/statements.md`,
      };
    }
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    // This database only: a shared server's other databases keep their counters.
    await client.query(
      "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)",
    );
    return { available: true };
  } catch (error) {
    return {
      available: false,
      reason: `pg_stat_statements could not be set up (${error instanceof Error ? error.message : String(error)}); it needs a superuser, see docs/statements.md`,
    };
  }
}

/** The top `TOP` statements of the bench database by total execution time since `startStatementStats`. */
export async function topStatements(client: pg.ClientBase): Promise<StatementRow[]> {
  const { rows } = await client.query<{
    queryid: string;
    role: string | null;
    calls: string;
    total_ms: number;
    mean_ms: number;
    rows: string;
    share: number | null;
    query: string;
  }>(
    `WITH here AS (
       SELECT s.* FROM pg_stat_statements s
        WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     )
     SELECT here.queryid::text AS queryid, r.rolname AS role, here.calls::text AS calls,
            here.total_exec_time AS total_ms, here.mean_exec_time AS mean_ms, here.rows::text AS rows,
            100 * here.total_exec_time / nullif(sum(here.total_exec_time) OVER (), 0) AS share, here.query
       FROM here LEFT JOIN pg_roles r ON r.oid = here.userid
      ORDER BY here.total_exec_time DESC
      LIMIT $1`,
    [TOP],
  );
  return rows.map((row) => ({
    queryId: row.queryid,
    role: row.role ?? "?",
    calls: Number(row.calls),
    totalMs: row.total_ms,
    meanMs: row.mean_ms,
    rows: Number(row.rows),
    sharePercent: row.share ?? 0,
    query: oneLine(row.query),
  }));
}

const fixed = (value: number, digits: number) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A Markdown table: rank, calls, total ms, mean ms, rows, share %, role and the query text. */
export function statementTable(rows: StatementRow[]): string {
  const lines = [
    "| # | Calls | Total ms | Mean ms | Rows | Share % | Role | Statement |",
    "| -: | -: | -: | -: | -: | -: | --- | --- |",
  ];
  rows.forEach((row, i) => {
    const query = row.query.replace(/\|/g, "\\|");
    lines.push(
      `| ${i + 1} | ${fixed(row.calls, 0)} | ${fixed(row.totalMs, 0)} | ${fixed(row.meanMs, 3)} | ${fixed(row.rows, 0)} | ${fixed(row.sharePercent, 1)} | ${row.role} | \`${query}\` |`,
    );
  });
  return lines.join("\n");
}

const machine = () =>
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;

/** Writes the rows with what they were measured on to `STATEMENTS_FILE`; returns its path. */
export async function writeStatements(rows: StatementRow[], about: Record<string, unknown>): Promise<string> {
  const file = path.resolve(STATEMENTS_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), ...about, statements: rows }, null, 2)}\n`,
  );
  return file;
}
