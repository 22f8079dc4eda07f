import pg from "pg";
import { MigrationError } from "./apply-migrations";
import { readMigrationFiles, type MigrationFile } from "./migration-files";
import { readAppliedMigrations, withMigrationLock } from "./prisma-migrations-table";

/**
 * Rolls back the most recently applied migration by running its `down.sql`
 * and marking its `_prisma_migrations` row rolled back (as
 * `prisma migrate resolve --rolled-back` does), in one transaction.
 * The next `applyMigrations` applies it again. Returns its name, or null
 * when nothing is applied.
 */
export async function rollbackLastMigration(
  connectionString: string,
  migrations: MigrationFile[] = readMigrationFiles(),
): Promise<string | null> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await withMigrationLock(client, async () => {
      const last = (await readAppliedMigrations(client)).at(-1);
      if (!last) return null;
      const file = migrations.find((m) => m.name === last.name);
      if (!file?.downSql) {
        throw new MigrationError(`Migration ${last.name} has no down.sql beside it; it cannot be rolled back.`);
      }
      try {
        await client.query("BEGIN");
        await client.query(file.downSql);
        await client.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = $1`, [last.id]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(`Rollback of ${last.name} failed; nothing changed: ${reason}`);
      }
      return last.name;
    });
  } finally {
    await client.end();
  }
}
