import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { BackupError } from "./backup-error";

const execFileAsync = promisify(execFile);

export type ToolName = "pg_dump" | "pg_restore" | "psql";

export interface PostgresTools {
  /** Where they were found: "PATH" or a directory. */
  source: string;
  /** e.g. "15.20" (the oldest of the tools asked for). */
  version: string;
  major: number;
  /** The command to run for each tool asked for. */
  path: Partial<Record<ToolName, string>>;
}

/** Debian and Ubuntu install each major version's client tools in /usr/lib/postgresql/<major>/bin. */
const DEBIAN_ROOT = "/usr/lib/postgresql";

/**
 * PostgreSQL's client tools for a server of major version `serverMajor`: from PATH, else the newest
 * in /usr/lib/postgresql/<n>/bin. They must be the server's major version or newer (pg_dump refuses
 * a newer server). A clear error says what to install when none fit (docs/backups.md).
 */
export async function findPostgresTools(names: ToolName[], serverMajor: number): Promise<PostgresTools> {
  const tooOld: PostgresTools[] = [];
  for (const candidate of await candidates()) {
    const found = await toolsIn(candidate, names);
    if (!found) continue;
    if (found.major >= serverMajor) return found;
    tooOld.push(found);
  }
  const install =
    `install the PostgreSQL client tools, version ${serverMajor} or newer (Debian and Ubuntu: ` +
    `apt-get install postgresql-client-${serverMajor}, from apt.postgresql.org if the release lacks it)`;
  const listed = names.join(" and ");
  if (tooOld.length) {
    const newest = tooOld.reduce((a, b) => (b.major > a.major ? b : a));
    throw new BackupError(
      `${listed} ${newest.version} (${newest.source}) is older than the server's PostgreSQL ${serverMajor}, ` +
        `and ${names.length > 1 ? "they" : "it"} must be the server's major version or newer: ${install}.`,
    );
  }
  throw new BackupError(
    `${listed} not found on PATH or in ${DEBIAN_ROOT}/<version>/bin (the embedded PostgreSQL has none): ${install}.`,
  );
}

/** PATH first, then Debian's per-version directories, newest first. */
async function candidates(): Promise<(string | null)[]> {
  let versions: number[] = [];
  try {
    versions = (await readdir(DEBIAN_ROOT))
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .sort((a, b) => b - a);
  } catch {
    // No Debian layout here.
  }
  return [null, ...versions.map((version) => path.join(DEBIAN_ROOT, String(version), "bin"))];
}

/** The tools in `dir` (null: PATH) if all of them are there. */
async function toolsIn(dir: string | null, names: ToolName[]): Promise<PostgresTools | null> {
  const paths: Partial<Record<ToolName, string>> = {};
  let oldest: { version: string; major: number } | null = null;
  for (const name of names) {
    const command = dir ? path.join(dir, name) : name;
    const version = await versionOf(command);
    if (!version) return null;
    paths[name] = command;
    if (!oldest || version.major < oldest.major) oldest = version;
  }
  if (!oldest) return null;
  return { source: dir ?? "PATH", ...oldest, path: paths };
}

/** `pg_dump --version` prints "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)". */
async function versionOf(command: string): Promise<{ version: string; major: number } | null> {
  try {
    const { stdout } = await execFileAsync(command, ["--version"], { timeout: 15_000 });
    const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(stdout);
    if (!match?.[1]) return null;
    return { version: match[2] ? `${match[1]}.${match[2]}` : match[1], major: Number(match[1]) };
  } catch {
    return null;
  }
}
