import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "../scratch-database";
import { readSchemaSnapshot } from "../schema/schema-snapshot";
import { testAdminDatabaseUrl } from "../../testing/require-database";
import { testPg } from "../../testing/test-db";
import { applyMigrations, MigrationError } from "./apply-migrations";
import { readMigrationFiles } from "./migration-files";
import { rollbackLastMigration } from "./rollback-migration";

const scratches: ScratchDatabase[] = [];
afterEach(async () => {
  await Promise.all(scratches.splice(0).map((s) => s.drop()));
});

async function scratch(label: string, migrate = false) {
  const db = await createScratchDatabase(testAdminDatabaseUrl, label, { migrate });
  scratches.push(db);
  return db;
}

async function snapshotOf(url: string) {
  const client = await testPg(url);
  try {
    return await readSchemaSnapshot(client);
  } finally {
    await client.end();
  }
}

async function tablesOf(url: string): Promise<string[]> {
  return [...new Set((await snapshotOf(url)).columns.map((c) => c.table))].sort();
}

describe("applyMigrations", () => {
  it("applies every migration once and records _prisma_migrations rows as Prisma does", async () => {
    const db = await scratch("apply");
    const files = readMigrationFiles();
    expect(await applyMigrations(db.url)).toEqual(files.map((f) => f.name));
    expect(await applyMigrations(db.url)).toEqual([]);

    const client = await testPg(db.url);
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    await client.end();
    expect(rows).toHaveLength(files.length);
    for (const [i, row] of rows.entries()) {
      const file = files[i]!;
      expect(row.migration_name).toBe(file.name);
      expect(row.checksum).toBe(createHash("sha256").update(file.sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const db = await scratch("checksum", true);
    const edited = readMigrationFiles().map((f, i) => (i === 1 ? { ...f, checksum: "0".repeat(64) } : f));
    await expect(applyMigrations(db.url, edited)).rejects.toThrow(/edited after it was applied/);
  });

  it("rolls a failing migration back entirely and records nothing", async () => {
    const db = await scratch("failing");
    const broken = [
      {
        name: "20990101000000_broken",
        sql: 'CREATE TABLE "half_done" (id int); SELECT * FROM no_such_table;',
        checksum: "x",
        downSql: null,
      },
    ];
    await expect(applyMigrations(db.url, broken)).rejects.toThrow(MigrationError);
    expect(await tablesOf(db.url)).toEqual([]);
    const client = await testPg(db.url);
    const { rowCount } = await client.query(`SELECT 1 FROM "_prisma_migrations"`);
    await client.end();
    expect(rowCount).toBe(0);
  });
});

describe("rollbackLastMigration", () => {
  it("up → down → up leaves the same schema", async () => {
    const db = await scratch("updownup", true);
    const before = await snapshotOf(db.url);
    expect(before.columns.length).toBeGreaterThan(0);

    const rolledBack: string[] = [];
    while (rolledBack.at(-1) !== "20251025000100_settings_tables")
      rolledBack.push((await rollbackLastMigration(db.url))!);
    const laterOnes = readMigrationFiles()
      .map((f) => f.name)
      .filter((n) => n >= "20251025000100_settings_tables");
    expect(rolledBack).toEqual([...laterOnes].reverse());
    const down = await tablesOf(db.url);
    expect(down).not.toContain("team_members");
    expect(down).not.toContain("billing_config");
    expect(down).not.toContain("integrations_config");
    expect(down).toContain("workspaces");
    const afterDown = await snapshotOf(db.url);
    expect(afterDown.triggers).toEqual([]);
    expect(afterDown.functions).toEqual([]);

    expect(await applyMigrations(db.url)).toEqual(laterOnes);
    expect(await snapshotOf(db.url)).toEqual(before);
  });

  it("marks the rolled-back migration in _prisma_migrations", async () => {
    const db = await scratch("mark", true);
    await rollbackLastMigration(db.url);
    const client = await testPg(db.url);
    const { rows } = await client.query(`SELECT rolled_back_at FROM "_prisma_migrations" WHERE migration_name = $1`, [
      readMigrationFiles().at(-1)!.name,
    ]);
    await client.end();
    expect(rows).toHaveLength(1);
    expect(rows[0].rolled_back_at).toBeInstanceOf(Date);
  });

  it("every migration has a down.sql, and rolling everything back leaves an empty schema", async () => {
    const db = await scratch("alldown", true);
    for (const file of readMigrationFiles()) expect(file.downSql, file.name).not.toBeNull();
    while (await rollbackLastMigration(db.url)) {
      /* keep rolling back */
    }
    expect(await tablesOf(db.url)).toEqual([]);
    expect(await rollbackLastMigration(db.url)).toBeNull();
  });
});
