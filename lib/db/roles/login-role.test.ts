// The app's login role (npm run db:roles) may read and write data and become the tenant role, and
// nothing more: no DDL, no TRUNCATE, no switching RLS off, no rewriting the audit log.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSampleData } from "../../../prisma/sample-data";
import { credentialsCipher } from "../../crypto/credentials-key";
import { testAdminDatabaseUrl } from "../../testing/require-database";
import { createPrismaClient } from "../prisma";
import { createScratchDatabase, type ScratchDatabase } from "../scratch-database";
import { ensureLoginRoleOn } from "./login-role";

const SAMPLE_WORKSPACE = "00000000-0000-0000-0000-000000000001";
// A role of this test's own (roles are cluster-wide): the suite's own login role keeps its password.
const role = {
  name: `settings_login_probe_${randomBytes(3).toString("hex")}`,
  password: randomBytes(18).toString("hex"),
};

let scratch: ScratchDatabase;
let login: pg.Client;
let other: { id: string };

beforeAll(async () => {
  scratch = await createScratchDatabase(testAdminDatabaseUrl, "login_role");
  const db = createPrismaClient(scratch.adminUrl);
  try {
    await seedSampleData(db, credentialsCipher());
    other = await db.workspace.create({ data: { name: "Other", slug: `other-${role.name.slice(-6)}` } });
    const user = await db.user.create({ data: { email: `${role.name}@test.example` } });
    await db.teamMember.create({ data: { workspaceId: other.id, userId: user.id, role: "owner", status: "active" } });
  } finally {
    await db.$disconnect();
  }
  await ensureLoginRoleOn(scratch.adminUrl, role);
  const url = new URL(scratch.adminUrl);
  url.username = role.name;
  url.password = role.password;
  login = new pg.Client({ connectionString: url.toString() });
  await login.connect();
});

afterAll(async () => {
  await login?.end();
  await scratch?.drop();
  const admin = new pg.Client({ connectionString: testAdminDatabaseUrl });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS "${role.name}"`);
  await admin.end();
});

/** The SQLSTATE a statement fails with as the login role (each in its own savepoint-free round trip). */
async function refusal(sql: string): Promise<string | undefined> {
  try {
    await login.query(sql);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe("the login role", () => {
  it("is no superuser, cannot bypass RLS, create databases or roles, and owns nothing", async () => {
    const { rows } = await login.query(
      `SELECT r.rolsuper, r.rolbypassrls, r.rolcreatedb, r.rolcreaterole, r.rolreplication,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned,
              pg_has_role(r.oid, 'settings_app', 'MEMBER') AS may_become_tenant
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      owned: 0,
      may_become_tenant: true,
    });
  });

  it.each([
    ["DROP TABLE team_members", "42501"],
    ["DROP TABLE pgboss.job", "42501"],
    ["ALTER TABLE team_members ADD COLUMN probe int", "42501"],
    ["ALTER TABLE workspaces DISABLE ROW LEVEL SECURITY", "42501"],
    ["ALTER TABLE team_members NO FORCE ROW LEVEL SECURITY", "42501"],
    ["DROP POLICY tenant_isolation ON team_members", "42501"],
    ["TRUNCATE team_members", "42501"],
    ["TRUNCATE audit_log", "42501"],
    ["UPDATE audit_log SET action = 'rewritten'", "42501"],
    ["DELETE FROM audit_log", "42501"],
    ["DELETE FROM _prisma_migrations", "42501"],
    ["CREATE TABLE public.probe (id int)", "42501"],
    ["CREATE DATABASE probe", "42501"],
    ["CREATE ROLE probe", "42501"],
    ["SET ROLE postgres", "42501"],
  ])("cannot %s", async (sql, code) => {
    expect(await refusal(sql)).toBe(code);
  });

  it("reads and writes data: the app's system paths", async () => {
    const { rows } = await login.query("SELECT count(*)::int AS n FROM workspaces");
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
    await login.query("INSERT INTO audit_log (workspace_id, action, target_type) VALUES ($1, 'probe.ok', 'probe')", [
      other.id,
    ]);
    await login.query("SELECT count(*) FROM pgboss.job");
  });

  it("as the tenant role, sees and writes only the workspace its transaction names", async () => {
    await login.query("BEGIN");
    try {
      await login.query("SELECT set_config('role', 'settings_app', true), set_config('app.workspace_id', $1, true)", [
        SAMPLE_WORKSPACE,
      ]);
      const { rows } = await login.query<{ workspace_id: string }>("SELECT DISTINCT workspace_id FROM team_members");
      expect(rows.map((row) => row.workspace_id)).toEqual([SAMPLE_WORKSPACE]);
      const foreign = await login.query("SELECT count(*)::int AS n FROM team_members WHERE workspace_id = $1", [
        other.id,
      ]);
      expect(foreign.rows[0].n).toBe(0);
      const moved = await login.query("UPDATE team_members SET role = 'viewer' WHERE workspace_id = $1", [other.id]);
      expect(moved.rowCount).toBe(0);
      await login.query("SAVEPOINT probe");
      const insert = await login
        .query("INSERT INTO audit_log (workspace_id, action, target_type) VALUES ($1, 'probe.cross', 'probe')", [
          other.id,
        ])
        .then(
          () => undefined,
          (error: { code?: string }) => error.code,
        );
      expect(insert).toBe("42501"); // new row violates row-level security policy
    } finally {
      await login.query("ROLLBACK");
    }
  });
});
