import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../../prisma/migrations");

export interface MigrationFile {
  /** Folder name, e.g. `20251025000100_settings_tables`; the order is the name's order. */
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, exactly as Prisma computes `_prisma_migrations.checksum`. */
  checksum: string;
  /** The rollback SQL beside it (`down.sql`), if there is one. */
  downSql: string | null;
}

/** The migration folders of a Prisma migrations directory, in the order they apply. */
export function readMigrationFiles(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      const downPath = path.join(dir, name, "down.sql");
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
        downSql: existsSync(downPath) ? readFileSync(downPath, "utf8") : null,
      };
    });
}
