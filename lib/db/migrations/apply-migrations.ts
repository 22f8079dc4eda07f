import { randomUUID } from "node:crypto";
import pg from "pg";
import { installJobSchema } from "../../jobs/install-job-schema";
import { readMigrationFiles, type MigrationFile } from "./migration-files";
import { readAppliedMigrations, withMigrationLock } from "./prisma-migrations-table";

export class MigrationError extends Error {}

/**
 * Applies the Prisma migrations that are not applied yet, in order, each in
 * its own transaction, recording `_prisma_migrations` rows as Prisma does.
 * Refuses to run if an applied migration's file was edited afterwards.
 * Then creates or upgrades pg-boss's schema, so the app's login role (no DDL) finds it ready.
 * Returns the names of the migrations it applied.
 */
export async function applyMigrations(
  connectionString: string,
  migrations: MigrationFile[] = readMigrationFiles(),
): Promise<string[]> {
  const applied = await applyPrismaMigrations(connectionString, migrations);
  await installJobSchema(connectionString);
  return applied;
}

async function applyPrismaMigrations(connectionString: string, migrations: MigrationFile[]): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await withMigrationLock(client, async () => {
      const applied = new Map((await readAppliedMigrations(client)).map((m) => [m.name, m]));
      for (const [name, row] of applied) {
        const file = migrations.find((m) => m.name === name);
        if (file && file.checksum !== row.checksum) {
          throw new MigrationError(
            `Migration ${name} was edited after it was applied (checksum differs). ` +
              "Add a new migration instead of changing an applied one.",
          );
        }
      }
      const done: string[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.name)) continue;
        await applyOne(client, migration);
        done.push(migration.name);
      }
      return done;
    });
  } finally {
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
      id,
    ]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}
