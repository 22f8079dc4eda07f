import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";
import { BackupError } from "./backup-error";
import { clearSchemasSql } from "./clear-schemas-sql";
import { findPostgresTools, type PostgresTools } from "./find-postgres-tools";
import { inspectServer, type ServerInfo } from "./inspect-server";
import { readDump, type DumpInfo } from "./read-dump";
import { firstErrorLine } from "./run-tool";
import { toolConnection } from "./tool-connection";

export interface RestorePlan {
  file: string;
  databaseUrl: string;
  server: ServerInfo;
  tools: PostgresTools;
  dump: DumpInfo;
}

/**
 * Checks everything a restore needs before it changes anything: the file is a readable dump, the
 * server answers, client tools fit the server, and the dump is not from a newer PostgreSQL.
 */
export async function prepareRestore(options: { file: string; databaseUrl: string }): Promise<RestorePlan> {
  const file = path.resolve(options.file);
  try {
    await access(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError(
      code === "ENOENT" ? `No such file: ${options.file}` : `Cannot read ${options.file}: ${(error as Error).message}`,
    );
  }
  if (!(await stat(file)).isFile()) throw new BackupError(`${options.file} is not a file.`);
  const server = await inspectServer(options.databaseUrl);
  const tools = await findPostgresTools(["pg_restore", "psql"], server.major);
  const dump = await readDump(file, tools);
  if (dump.sourceMajor > server.major) {
    throw new BackupError(
      `${options.file} was dumped from PostgreSQL ${dump.sourceVersion}, newer than the server's ${server.version}: ` +
        `restore it into PostgreSQL ${dump.sourceMajor} or newer.`,
    );
  }
  return { file, databaseUrl: options.databaseUrl, server, tools, dump };
}

/**
 * Replaces the database's contents with the dump's, in one transaction: either all of it (schema,
 * data, row-level security policies, grants) or, on any error, nothing. pg_restore writes the dump
 * as SQL, psql runs it after clearSchemasSql; objects are owned by the user restoring (the
 * migration owner), and roles must exist already (they are not in a dump). See docs/backups.md.
 */
export async function restoreDatabase(plan: RestorePlan): Promise<void> {
  const connection = toolConnection(plan.databaseUrl);
  const psql = spawn(
    plan.tools.path.psql!,
    ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", `--dbname=${connection.uri}`],
    { env: connection.env, stdio: ["pipe", "ignore", "pipe"] },
  );
  const restore = spawn(plan.tools.path.pg_restore!, ["--clean", "--if-exists", "--no-owner", "--file=-", plan.file], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let psqlErrors = "";
  let restoreErrors = "";
  psql.stderr.setEncoding("utf8").on("data", (chunk: string) => (psqlErrors += chunk));
  restore.stderr.setEncoding("utf8").on("data", (chunk: string) => (restoreErrors += chunk));
  const psqlDone = finished(psql);
  const restoreDone = finished(restore);
  // psql stops at the first error (ON_ERROR_STOP) and closes its input: pg_restore need not go on.
  let stoppedRestore = false;
  psql.stdin.on("error", () => {
    stoppedRestore = true;
    restore.kill();
  });

  psql.stdin.write(clearSchemasSql(plan.dump.schemas));
  restore.stdout.pipe(psql.stdin, { end: false });
  const restoreCode = await restoreDone;
  // COMMIT only after pg_restore wrote the whole dump. Otherwise psql ends without it, and
  // PostgreSQL rolls the transaction back when the connection closes.
  if (restoreCode === 0) psql.stdin.end("COMMIT;\n");
  else psql.kill();
  const psqlCode = await psqlDone;

  const failure = `Nothing restored into ${plan.server.database} on ${plan.server.host}`;
  if (restoreCode !== 0 && !stoppedRestore) {
    throw new BackupError(`${failure}: ${firstErrorLine(restoreErrors, [], "pg_restore")}`);
  }
  if (psqlCode !== 0 || restoreCode !== 0) {
    const reason = firstErrorLine(psqlErrors, connection.secrets, "psql");
    const role = /role "([^"]+)" does not exist/.exec(reason)?.[1];
    throw new BackupError(
      role
        ? `${failure}: the dump grants rights to role ${role}, which this server lacks (roles belong to the ` +
            `server, not to a dump). Create it first (npm run db:migrate on an empty database creates settings_app; ` +
            `see docs/backups.md) and restore again.`
        : `${failure}: ${reason}`,
    );
  }
}

/** A child process's exit code (null when it was killed or could not start), once its output is closed. */
function finished(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("error", () => resolve(null));
    child.once("close", (code) => resolve(code));
  });
}
