import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase } from "./create-database";
import { withDatabase } from "./database-url";
import { applyMigrations } from "./migrations/apply-migrations";

export interface ScratchDatabase {
  url: string;
  drop: () => Promise<void>;
}

/**
 * A new, empty (or freshly migrated) database on the same server as
 * `serverUrl`, with a unique name; `drop()` removes it. For checks and tests
 * that need a database nobody else writes to.
 */
export async function createScratchDatabase(
  serverUrl: string,
  label: string,
  options: { migrate?: boolean } = {},
): Promise<ScratchDatabase> {
  const name = `scratch_${label.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const url = withDatabase(serverUrl, name);
  await ensureDatabase(url);
  const scratch = { url, drop: () => dropDatabase(url) };
  if (options.migrate ?? true) {
    try {
      await applyMigrations(url);
    } catch (error) {
      await scratch.drop();
      throw error;
    }
  }
  return scratch;
}
