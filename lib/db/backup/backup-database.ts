import { existsSync } from "node:fs";
import { chmod, mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { BackupError } from "./backup-error";
import { findPostgresTools } from "./find-postgres-tools";
import { inspectServer } from "./inspect-server";
import { runTool } from "./run-tool";
import { toolConnection } from "./tool-connection";

export interface BackupResult {
  file: string;
  bytes: number;
  database: string;
  host: string;
  serverVersion: string;
  toolVersion: string;
}

/** Where a backup goes by default: .data/backups/<database>-<UTC timestamp>.dump. */
export function defaultBackupFile(database: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/[-:]/g, "");
  return path.resolve(".data", "backups", `${database.replace(/[^A-Za-z0-9_.-]/g, "_")}-${stamp}.dump`);
}

/**
 * Dumps the database `databaseUrl` names with pg_dump in its custom format (compressed; what
 * `npm run db:restore` reads) to `out`, or to defaultBackupFile. The file appears only once the
 * dump is complete, readable by its owner alone. See docs/backups.md.
 */
export async function backupDatabase(options: { databaseUrl: string; out?: string }): Promise<BackupResult> {
  const server = await inspectServer(options.databaseUrl);
  const tools = await findPostgresTools(["pg_dump"], server.major);
  const file = path.resolve(options.out ?? defaultBackupFile(server.database));
  if (existsSync(file)) throw new BackupError(`${file} exists already: name another file with --out.`);
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new BackupError(`Cannot create the folder for ${file}: ${(error as Error).message}`);
  }
  const partial = `${file}.partial`;
  const connection = toolConnection(options.databaseUrl);
  try {
    await runTool(tools.path.pg_dump!, ["--format=custom", `--file=${partial}`, `--dbname=${connection.uri}`], {
      env: connection.env,
      secrets: connection.secrets,
      failure: `pg_dump ${tools.version} could not back up ${server.database} on ${server.host}`,
    });
    await chmod(partial, 0o600);
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  return {
    file,
    bytes: (await stat(file)).size,
    database: server.database,
    host: server.host,
    serverVersion: server.version,
    toolVersion: tools.version,
  };
}
