import { env } from "../env";
import { ensureDatabase } from "./create-database";
import { withDatabase } from "./database-url";

export interface ResolvedDatabase {
  /** What the app connects as (DATABASE_URL): the login role in production. */
  url: string;
  /** The migration owner's direct connection (DATABASE_ADMIN_URL, else `url`): migrations, roles, backups. */
  adminUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

/**
 * The database a command works on: DATABASE_URL (and DATABASE_ADMIN_URL for its owner) when set;
 * otherwise an embedded PostgreSQL started for it (dev and test keep separate data).
 */
export async function resolveDatabase(purpose: "dev" | "test"): Promise<ResolvedDatabase> {
  // DATABASE_ADMIN_URL alone (the owner's commands: db:migrate, backups) names the database as well.
  const configured = env.DATABASE_URL ?? env.DATABASE_ADMIN_URL;
  if (configured) {
    return { url: configured, adminUrl: env.DATABASE_ADMIN_URL ?? configured, embedded: false, stop: async () => {} };
  }
  // Loaded only when needed: the package installs exit hooks that would end a worker on SIGTERM with
  // status 143 before it has stopped its jobs (docs/operations.md, "Shutdown").
  const { startEmbeddedPostgres } = await import("./embedded-postgres");
  const server = await startEmbeddedPostgres({
    dataDir: purpose === "dev" ? env.EMBEDDED_PG_DATA_DIR : `${env.EMBEDDED_PG_DATA_DIR}-test`,
    port: purpose === "dev" ? env.EMBEDDED_PG_PORT : env.EMBEDDED_PG_PORT + 1,
  });
  const url = withDatabase(server.url, "settings");
  await ensureDatabase(url);
  return { url, adminUrl: url, embedded: true, stop: server.stop };
}
