// The backup and restore drill (docs/backups.md): a seeded scratch database with pg-boss's schema
// is backed up with `npm run db:backup`, changed, and restored with `npm run db:restore`; its
// fingerprint (every table's rows, the RLS policies, the grants) must come back exactly, and
// bad input must change nothing.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSampleData, SAMPLE_WORKSPACE_ID } from "../../../prisma/sample-data";
import { credentialsCipher } from "../../crypto/credentials-key";
import { childProcessEnv } from "../../env";
import { testAdminDatabaseUrl } from "../../testing/require-database";
import { quoteIdent } from "../database-url";
import { createPrismaClient } from "../prisma";
import { createScratchDatabase, type ScratchDatabase } from "../scratch-database";
import { backupDatabase, defaultBackupFile } from "./backup-database";
import { findPostgresTools } from "./find-postgres-tools";
import { prepareRestore, restoreDatabase } from "./restore-database";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SCHEMAS = ["public", "pgboss"];
const OTHER_WORKSPACE_ID = "20000000-0000-4000-8000-000000000001";

let scratch: ScratchDatabase;
let dir: string;
let dump: string;
let original: Fingerprint;

/** What a faithful restore must bring back. */
interface Fingerprint {
  tables: { table: string; rowSecurity: string; rows: number; digest: string | null }[];
  policies: unknown[];
  tableGrants: unknown[];
  routineGrants: unknown[];
  schemaAcls: unknown[];
}

async function withClient<T>(work: (client: pg.Client) => Promise<T>, url = scratch.url): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function fingerprint(): Promise<Fingerprint> {
  return withClient(async (client) => {
    const { rows: tables } = await client.query<{ schema: string; name: string; security: string }>(
      `SELECT n.nspname AS schema, c.relname AS name,
              c.relrowsecurity::text || '/' || c.relforcerowsecurity::text AS security
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p')
        ORDER BY 1, 2`,
      [SCHEMAS],
    );
    const contents = [];
    for (const table of tables) {
      const name = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
      const { rows } = await client.query<{ rows: number; digest: string | null }>(
        `SELECT count(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${name} t`,
      );
      contents.push({ table: name, rowSecurity: table.security, rows: rows[0]!.rows, digest: rows[0]!.digest });
    }
    const policies = await client.query(
      `SELECT schemaname, tablename, policyname, permissive, roles::text, cmd, qual, with_check
         FROM pg_policies WHERE schemaname = ANY($1) ORDER BY 1, 2, 3`,
      [SCHEMAS],
    );
    const tableGrants = await client.query(
      `SELECT grantee, table_schema, table_name, privilege_type, is_grantable
         FROM information_schema.role_table_grants WHERE table_schema = ANY($1) ORDER BY 1, 2, 3, 4`,
      [SCHEMAS],
    );
    const routineGrants = await client.query(
      `SELECT grantee, routine_schema, routine_name, privilege_type
         FROM information_schema.role_routine_grants WHERE routine_schema = ANY($1) ORDER BY 1, 2, 3, 4`,
      [SCHEMAS],
    );
    const schemaAcls = await client.query(
      `SELECT nspname, nspacl::text FROM pg_namespace WHERE nspname = ANY($1) ORDER BY 1`,
      [SCHEMAS],
    );
    return {
      tables: contents,
      policies: policies.rows,
      tableGrants: tableGrants.rows,
      routineGrants: routineGrants.rows,
      schemaAcls: schemaAcls.rows,
    };
  });
}

/** Runs one of our commands as `npm run` does, with stdin not a terminal. */
async function runCommand(script: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", script), ...args], {
    cwd: ROOT,
    env: childProcessEnv({}),
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdin.end();
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, out, err };
}

/** The team members a workspace's RLS-bound transaction sees (SET ROLE settings_app, app.workspace_id set). */
async function membersSeenBy(workspaceId: string): Promise<string[]> {
  return withClient(async (client) => {
    await client.query("BEGIN");
    try {
      await client.query("SET LOCAL ROLE settings_app");
      await client.query("SELECT set_config('app.workspace_id', $1, true)", [workspaceId]);
      const { rows } = await client.query<{ workspace_id: string }>("SELECT workspace_id FROM team_members");
      return rows.map((row) => row.workspace_id);
    } finally {
      await client.query("ROLLBACK");
    }
  });
}

/** Changes every kind of thing a restore must undo: rows, a table added since, a pg-boss partition. */
async function changeEverything(): Promise<void> {
  await withClient(async (client) => {
    await client.query(
      `DELETE FROM team_members WHERE id = (SELECT id FROM team_members WHERE workspace_id = $1 AND role = 'viewer')`,
      [SAMPLE_WORKSPACE_ID],
    );
    await client.query(`INSERT INTO workspaces (name, slug) VALUES ('After the backup', $1)`, [
      `after-${randomBytes(4).toString("hex")}`,
    ]);
    await client.query(`UPDATE billing_config SET billing_email = 'changed@acme.example' WHERE workspace_id = $1`, [
      SAMPLE_WORKSPACE_ID,
    ]);
    // A later migration's table that depends on the dump's (pg_restore --clean cannot drop workspaces under it).
    await client.query(`CREATE TABLE later_feature (id int PRIMARY KEY, workspace_id uuid REFERENCES workspaces (id))`);
    // pg-boss adds a queue_stats partition a day (pg_restore --clean fails on partitions' inherited keys).
    await client.query(
      `CREATE TABLE pgboss.queue_stats_20991231 PARTITION OF pgboss.queue_stats
         FOR VALUES FROM ('2099-12-31') TO ('2100-01-01')`,
    );
    await client.query(`DELETE FROM pgboss.job`);
  });
}

beforeAll(async () => {
  scratch = await createScratchDatabase(testAdminDatabaseUrl, "backup");
  const db = createPrismaClient(scratch.url);
  try {
    await seedSampleData(db, credentialsCipher());
  } finally {
    await db.$disconnect();
  }
  // A second workspace with a member, so row-level security has something to keep apart.
  await withClient(async (client) => {
    await client.query(`INSERT INTO workspaces (id, name, slug) VALUES ($1, 'Other', $2)`, [
      OTHER_WORKSPACE_ID,
      `other-${randomBytes(4).toString("hex")}`,
    ]);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO users (email, name) VALUES ($1, 'Other member') RETURNING id`,
      [`other-${randomBytes(4).toString("hex")}@test.example`],
    );
    await client.query(
      `INSERT INTO team_members (workspace_id, user_id, role, status) VALUES ($1, $2, 'owner', 'active')`,
      [OTHER_WORKSPACE_ID, rows[0]!.id],
    );
  });
  // pg-boss's schema (partitioned tables, functions, a type) with a queue and a job in it.
  const boss = new PgBoss({ connectionString: scratch.url, schema: "pgboss", supervise: false, schedule: false });
  boss.on("error", () => {});
  await boss.start();
  await boss.createQueue("backup-drill");
  await boss.send("backup-drill", { step: 1 });
  await boss.stop({ graceful: false });

  dir = await mkdtemp(path.join(tmpdir(), "backup-drill-"));
  dump = path.join(dir, "drill.dump");
  original = await fingerprint();
}, 180_000);

afterAll(async () => {
  await scratch?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the backup and restore drill", () => {
  it("backs up, and a restore brings back every row, policy and grant after changes", async () => {
    const backup = await runCommand("db-backup.ts", ["--database-url", scratch.url, "--out", dump]);
    expect(backup.err).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.out).toContain(dump);
    expect(backup.out).toMatch(/\(\d+(\.\d)? (bytes|KiB|MiB)\)/);
    expect((await stat(dump)).size).toBeGreaterThan(10_000);
    expect((await stat(dump)).mode & 0o077).toBe(0);

    await changeEverything();
    const changed = await fingerprint();
    const entry = (print: Fingerprint, table: string) => print.tables.find((t) => t.table === table);
    for (const table of ['"public"."team_members"', '"public"."workspaces"', '"public"."billing_config"']) {
      expect(entry(changed, table)).not.toEqual(entry(original, table));
    }
    expect(changed.tables.length).toBe(original.tables.length + 2);

    const restore = await runCommand("db-restore.ts", [dump, "--database-url", scratch.url, "--yes"]);
    expect(restore.err).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.out).toContain("Restored");
    expect(await fingerprint()).toEqual(original);
  }, 180_000);

  it("the restored database still enforces row-level security for the runtime role", async () => {
    const sample = await membersSeenBy(SAMPLE_WORKSPACE_ID);
    expect(sample.length).toBe(6);
    expect(new Set(sample)).toEqual(new Set([SAMPLE_WORKSPACE_ID]));
    expect(await membersSeenBy(OTHER_WORKSPACE_ID)).toEqual([OTHER_WORKSPACE_ID]);
  });

  describe("bad input changes nothing", () => {
    let before: Fingerprint;
    beforeAll(async () => {
      // The database differs from the dump, so an unwanted restore would show.
      await changeEverything();
      before = await fingerprint();
      expect(before).not.toEqual(original);
    });

    it("a missing file: one clear line, exit code 1", async () => {
      const missing = path.join(dir, "no-such.dump");
      const result = await runCommand("db-restore.ts", [missing, "--database-url", scratch.url, "--yes"]);
      expect(result.code).toBe(1);
      expect(result.err).toBe(`No such file: ${missing}\n`);
      expect(await fingerprint()).toEqual(before);
    }, 60_000);

    it("without --yes and no terminal to ask on, it refuses", async () => {
      const result = await runCommand("db-restore.ts", [dump, "--database-url", scratch.url]);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^Not restoring scratch_backup_\w+ on .+ without --yes: there is no terminal/);
      expect(result.err.trim().split("\n")).toHaveLength(1);
      expect(await fingerprint()).toEqual(before);
    }, 60_000);

    it("a file that is not a dump is refused before anything is touched", async () => {
      const garbage = path.join(dir, "garbage.dump");
      await writeFile(garbage, "PGDMP but not really a dump at all\n".repeat(20));
      await expect(prepareRestore({ file: garbage, databaseUrl: scratch.url })).rejects.toThrow(
        /garbage\.dump is not a readable pg_dump custom-format archive: /,
      );
      expect(await fingerprint()).toEqual(before);
    });

    it("a dump cut short (its table of contents intact) fails halfway through the data and is rolled back", async () => {
      const cut = path.join(dir, "cut.dump");
      const bytes = await readFile(dump);
      await writeFile(cut, bytes.subarray(0, bytes.length - 1));
      const plan = await prepareRestore({ file: cut, databaseUrl: scratch.url });
      await expect(restoreDatabase(plan)).rejects.toThrow(
        /^Nothing restored into scratch_backup_\w+ on .+: could not read from input file: end of file$/,
      );
      expect(await fingerprint()).toEqual(before);
    }, 60_000);

    it("a restore that fails after replacing everything (a role the server lacks) is rolled back whole", async () => {
      const role = `backup_drill_${randomBytes(4).toString("hex")}`;
      const withRole = path.join(dir, "with-role.dump");
      const source = await createScratchDatabase(testAdminDatabaseUrl, "backup_source");
      try {
        await withClient(async (client) => {
          await client.query(`CREATE ROLE ${quoteIdent(role)} NOLOGIN`);
          await client.query(`GRANT SELECT ON workspaces TO ${quoteIdent(role)}`);
        }, source.url);
        await backupDatabase({ databaseUrl: source.url, out: withRole });
      } finally {
        await source.drop();
        await withClient((client) => client.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`));
      }
      const plan = await prepareRestore({ file: withRole, databaseUrl: scratch.url });
      await expect(restoreDatabase(plan)).rejects.toThrow(
        new RegExp(
          `^Nothing restored into scratch_backup_\\w+ on .+: the dump grants rights to role ${role}, which this server lacks`,
        ),
      );
      expect(await fingerprint()).toEqual(before);
    }, 120_000);
  });

  it("an unreachable server: a clear error without the password", async () => {
    const url = "postgresql://someone:hunter2-secret@127.0.0.1:1/nowhere";
    const attempt = backupDatabase({ databaseUrl: url, out: path.join(dir, "never.dump") });
    await expect(attempt).rejects.toThrow(/^Cannot connect to postgresql:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere: /);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it("client tools older than the server are refused, saying what to install", async () => {
    await expect(findPostgresTools(["pg_dump"], 999)).rejects.toThrow(
      /^pg_dump [\d.]+ \(.+\) is older than the server's PostgreSQL 999, .* apt-get install postgresql-client-999/,
    );
  });

  it("names backups <database>-<UTC timestamp>.dump under .data/backups", () => {
    expect(defaultBackupFile("settings", new Date("2026-01-02T03:04:05.678Z"))).toBe(
      path.join(ROOT, ".data", "backups", "settings-20260102T030405Z.dump"),
    );
  });
});
