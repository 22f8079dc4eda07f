import pg from "pg";
import { redactUrl } from "../database-url";
import { BackupError, describeError } from "./backup-error";

export interface ServerInfo {
  /** e.g. "15.18" */
  version: string;
  major: number;
  database: string;
  /** Where it runs, for messages: "db.example.com:5432". */
  host: string;
  /** Other sessions connected to the database now (the app, the worker, psql…). */
  otherSessions: number;
}

/** Connects to `url` and reads what a backup or restore needs to know; a clear error when it cannot. */
export async function inspectServer(url: string): Promise<ServerInfo> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`Cannot connect to ${redactUrl(url)}: ${describeError(error)}`);
  }
  try {
    const { rows } = await client.query<{ num: number; version: string; database: string; others: number }>(
      `SELECT current_setting('server_version_num')::int AS num,
              current_setting('server_version') AS version,
              current_database() AS database,
              (SELECT count(*)::int FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend') AS others`,
    );
    const [{ num, version, database, others }] = rows as [(typeof rows)[number]];
    return {
      version: version.split(" ", 1)[0] ?? version,
      major: Math.floor(num / 10_000),
      database,
      host: hostOf(url),
      otherSessions: others,
    };
  } finally {
    await client.end();
  }
}

function hostOf(url: string): string {
  const parsed = new URL(url);
  const host = parsed.hostname || parsed.searchParams.get("host") || "the local socket";
  return host.startsWith("/") ? `the socket in ${host}` : `${host}:${parsed.port || "5432"}`;
}
