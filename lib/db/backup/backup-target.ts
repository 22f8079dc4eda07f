import { env } from "../../env";
import { resolveDatabase, type ResolvedDatabase } from "../resolve-database";
import { BackupError } from "./backup-error";

/**
 * The database `npm run db:backup` and `npm run db:restore` work on: `--database-url` when given,
 * else the migration owner's DATABASE_ADMIN_URL, else DATABASE_URL, else the embedded development
 * PostgreSQL (started here; `stop()` stops it).
 */
export async function resolveBackupDatabase(explicitUrl?: string): Promise<ResolvedDatabase> {
  const url = explicitUrl ?? env.DATABASE_ADMIN_URL ?? env.DATABASE_URL;
  if (!url) return resolveDatabase("dev");
  if (!URL.canParse(url) || !/^postgres(ql)?:$/.test(new URL(url).protocol)) {
    const source = explicitUrl ? "--database-url" : env.DATABASE_ADMIN_URL ? "DATABASE_ADMIN_URL" : "DATABASE_URL";
    throw new BackupError(`${source} must be a postgresql:// connection string.`);
  }
  return { url, adminUrl: url, embedded: false, stop: async () => {} };
}
