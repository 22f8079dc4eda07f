import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase } from "./create-database";
import { withDatabase } from "./database-url";
import { applyMigrations } from "./migrations/apply-migrations";
import { ensureLoginRoleOn, loginRoleOf } from "./roles/login-role";

export interface ScratchDatabase {
  /** What the app would connect as: `options.appUrl`'s role and host when given, else the owner's. */
  url: string;
  /** The migration owner's connection to it. */
  adminUrl: string;
  drop: () => Promise<void>;
}

/**
 * A new, empty (or freshly migrated) database on the same server as
 * `serverUrl`, with a unique name; `drop()` removes it. For checks and tests
 * that need a database nobody else writes to. `serverUrl` must be allowed to create databases.
 * With `appUrl` (the login role, perhaps through a pooler), the migrated database grants that role
 * its privileges and `url` connects as it.
 */
export async function createScratchDatabase(
  serverUrl: string,
  label: string,
  options: { migrate?: boolean; appUrl?: string } = {},
): Promise<ScratchDatabase> {
  const name = `scratch_${label.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const adminUrl = withDatabase(serverUrl, name);
  await ensureDatabase(adminUrl);
  const migrate = options.migrate ?? true;
  const loginRole = options.appUrl && migrate ? loginRoleOf(options.appUrl, serverUrl) : null;
  const url = options.appUrl && loginRole ? withDatabase(options.appUrl, name) : adminUrl;
  const scratch = { url, adminUrl, drop: () => dropDatabase(adminUrl) };
  try {
    if (migrate) await applyMigrations(adminUrl);
    if (loginRole) await ensureLoginRoleOn(adminUrl, { name: loginRole.name });
  } catch (error) {
    await scratch.drop();
    throw error;
  }
  return scratch;
}
