// Vitest setup: integration tests run against real PostgreSQL. `npm test`
// provides it (embedded, or DATABASE_URL); running vitest alone needs DATABASE_URL.
import { env } from "../env";

if (!env.DATABASE_URL) {
  throw new Error("No database for the tests: run them with `npm test` (it starts one) or set DATABASE_URL.");
}

/** The suite's database (migrated and seeded by `npm test`). */
export const testDatabaseUrl: string = env.DATABASE_URL;

/**
 * The suite's database as its migration owner (DDL, scratch databases, backups): DATABASE_ADMIN_URL when
 * the suite runs as the least-privilege login role (CI's server leg), else the same as testDatabaseUrl.
 */
export const testAdminDatabaseUrl: string = env.DATABASE_ADMIN_URL ?? env.DATABASE_URL;
