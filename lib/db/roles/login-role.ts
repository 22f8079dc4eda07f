import pg from "pg";
import { RUNTIME_ROLE } from "../tenant-transaction";
import { quoteIdent } from "../database-url";

/**
 * The application's login role: what DATABASE_URL connects as in production. Not a superuser, no
 * BYPASSRLS, owns nothing, may `SET ROLE settings_app` (the tenant role), and has only the data
 * privileges the app and the worker use. See docs/operations.md ("Database roles").
 */
export interface LoginRole {
  name: string;
  /** Set or changed when given; roles are cluster-wide, so one password serves every database. */
  password?: string;
}

/** The login role DATABASE_URL names, when it differs from the migration owner's (DATABASE_ADMIN_URL). */
export function loginRoleOf(appUrl: string, adminUrl: string): LoginRole | null {
  const app = new URL(appUrl);
  const admin = new URL(adminUrl);
  const name = decodeURIComponent(app.username);
  if (!name || name === decodeURIComponent(admin.username)) return null;
  return { name, password: app.password ? decodeURIComponent(app.password) : undefined };
}

/** Tables the login role reads but never writes. */
const READ_ONLY_TABLES = ["_prisma_migrations"];
/** Tables the login role may only append to. */
const APPEND_ONLY_TABLES = ["audit_log"];
/** Schemas whose objects the app and worker use: ours and pg-boss's. */
const SCHEMAS = ["public", "pgboss"];

/**
 * Creates the login role if it is missing, enforces its attributes, and grants it exactly what it
 * needs in the database `admin` is connected to (run it again after restoring onto a new server).
 * `admin` is the migration owner: future tables it creates get the same grants by default.
 */
export async function ensureLoginRole(admin: pg.Client, role: LoginRole): Promise<void> {
  const name = quoteIdent(role.name);
  const attributes = "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT";
  const password = role.password === undefined ? "" : ` PASSWORD ${admin.escapeLiteral(role.password)}`;
  const { rowCount } = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role.name]);
  await admin.query(`${rowCount ? "ALTER" : "CREATE"} ROLE ${name} ${attributes}${password}`);

  const { rows } = await admin.query<{ db: string }>("SELECT current_database() AS db");
  const statements = [
    `GRANT ${quoteIdent(RUNTIME_ROLE)} TO ${name}`,
    `GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(rows[0]!.db)} TO ${name}`,
  ];
  for (const schema of SCHEMAS) {
    const s = quoteIdent(schema);
    statements.push(
      `GRANT USAGE ON SCHEMA ${s} TO ${name}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${name}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${name}`,
      `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${name}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${name}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${name}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT EXECUTE ON FUNCTIONS TO ${name}`,
    );
  }
  for (const table of READ_ONLY_TABLES)
    statements.push(`REVOKE INSERT, UPDATE, DELETE ON ${quoteIdent(table)} FROM ${name}`);
  for (const table of APPEND_ONLY_TABLES) statements.push(`REVOKE UPDATE, DELETE ON ${quoteIdent(table)} FROM ${name}`);

  await admin.query("BEGIN");
  try {
    for (const statement of statements) await admin.query(statement);
    await admin.query("COMMIT");
  } catch (error) {
    await admin.query("ROLLBACK");
    throw error;
  }
}

/** Runs `ensureLoginRole` on the database `adminUrl` names. */
export async function ensureLoginRoleOn(adminUrl: string, role: LoginRole): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await ensureLoginRole(admin, role);
  } finally {
    await admin.end();
  }
}
