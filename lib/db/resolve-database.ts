import { env } from "../env";
import { ensureDatabase } from "./create-database";
import { withDatabase } from "./database-url";
import { startEmbeddedPostgres } from "./embedded-postgres";

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

/**
 * The database a command works on: DATABASE_URL when set; otherwise an
 * embedded PostgreSQL started for it (dev and test keep separate data).
 */
export async function resolveDatabase(purpose: "dev" | "test"): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dataDir: purpose === "dev" ? env.EMBEDDED_PG_DATA_DIR : `${env.EMBEDDED_PG_DATA_DIR}-test`,
    port: purpose === "dev" ? env.EMBEDDED_PG_PORT : env.EMBEDDED_PG_PORT + 1,
  });
  const url = withDatabase(server.url, "settings");
  await ensureDatabase(url);
  return { url, embedded: true, stop: server.stop };
}
