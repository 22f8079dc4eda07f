import pg from "pg";
import { databaseName, quoteIdent, withDatabase } from "./database-url";

/**
 * Creates the database a connection string names, if it does not exist yet,
 * by connecting to the server's `postgres` database. Returns true if created.
 */
export async function ensureDatabase(connectionString: string): Promise<boolean> {
  const name = databaseName(connectionString);
  const admin = new pg.Client({ connectionString: withDatabase(connectionString, "postgres") });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return false;
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    return true;
  } finally {
    await admin.end();
  }
}

/** Drops a database (terminating its connections first). */
export async function dropDatabase(connectionString: string): Promise<void> {
  const name = databaseName(connectionString);
  const admin = new pg.Client({ connectionString: withDatabase(connectionString, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
