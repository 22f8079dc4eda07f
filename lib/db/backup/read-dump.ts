import { BackupError } from "./backup-error";
import type { PostgresTools } from "./find-postgres-tools";
import { runTool } from "./run-tool";

export interface DumpInfo {
  /** The database it was taken from. */
  database: string;
  createdAt: string;
  /** The server it was taken from, e.g. "15.18". */
  sourceVersion: string;
  sourceMajor: number;
  /** The schemas the dump creates (public, which every database has, is never among them). */
  schemas: string[];
}

/**
 * Reads a custom-format dump's table of contents (`pg_restore --list`): a file that is not one, or
 * whose table of contents is damaged, fails here, before anything is restored.
 */
export async function readDump(file: string, tools: PostgresTools): Promise<DumpInfo> {
  const { stdout } = await runTool(tools.path.pg_restore!, ["--list", file], {
    failure: `${file} is not a readable pg_dump custom-format archive`,
  });
  const header = (name: string) => new RegExp(`^;\\s+${name}:\\s*(.*)$`, "m").exec(stdout)?.[1]?.trim() ?? "";
  const sourceVersion = header("Dumped from database version").split(" ", 1)[0] ?? "";
  const sourceMajor = Number.parseInt(sourceVersion, 10);
  if (!Number.isFinite(sourceMajor)) {
    throw new BackupError(`${file} does not say which PostgreSQL it was dumped from; is it a pg_dump archive?`);
  }
  // Entries read "<id>; <catalog> <oid> SCHEMA - <name> <owner>".
  const schemas = [...stdout.matchAll(/^\d+; \d+ \d+ SCHEMA - (\S+) /gm)]
    .map((match) => match[1] ?? "")
    .filter((name) => name && name !== "public");
  return {
    database: header("dbname"),
    createdAt: /^; Archive created at (.*)$/m.exec(stdout)?.[1]?.trim() ?? "",
    sourceVersion,
    sourceMajor,
    schemas,
  };
}
