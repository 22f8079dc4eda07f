import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { createScratchDatabase, type ScratchDatabase } from "../scratch-database";
import { testAdminDatabaseUrl } from "../../testing/require-database";
import { testPg } from "../../testing/test-db";
import { checkMigrationDrift } from "./check-drift";
import { readPrismaDatamodel } from "./prisma-datamodel";
import { findSchemaDrift } from "./schema-drift";
import { readSchemaSnapshot } from "./schema-snapshot";

let scratch: ScratchDatabase;
let client: pg.Client;

beforeAll(async () => {
  scratch = await createScratchDatabase(testAdminDatabaseUrl, "drift_test");
  client = await testPg(scratch.url);
});
afterAll(async () => {
  await client?.end();
  await scratch?.drop();
});

describe("migration drift check", () => {
  it("finds no drift between prisma/migrations and schema.prisma", async () => {
    expect(await checkMigrationDrift(testAdminDatabaseUrl)).toEqual([]);
  });

  it("reports a database that differs from the schema", async () => {
    await client.query(`
      ALTER TABLE team_members ADD COLUMN nickname text;
      ALTER TABLE billing_config ALTER COLUMN currency TYPE varchar(3);
      ALTER TABLE integrations_config ALTER COLUMN name DROP NOT NULL;
      DROP INDEX idx_team_members_workspace_status;
      CREATE INDEX idx_surprise ON billing_config (billing_email);
      ALTER TABLE daily_usage DROP CONSTRAINT daily_usage_workspace_id_fkey;`);
    const problems = findSchemaDrift(readPrismaDatamodel(), await readSchemaSnapshot(client));
    const text = problems.join("\n");
    expect(text).toContain("column team_members.nickname is in the database but not in schema.prisma");
    expect(text).toContain(
      "column billing_config.currency: schema.prisma says character(3), the database has character varying(3)",
    );
    expect(text).toContain("column integrations_config.name: schema.prisma says NOT NULL");
    expect(text).toContain(
      "index idx_team_members_workspace_status on team_members is in schema.prisma but not in the database",
    );
    expect(text).toContain("index idx_surprise on billing_config is in the database but not in schema.prisma");
    expect(text).toContain(
      "foreign key daily_usage(workspace_id) → workspaces is in schema.prisma but not in the database",
    );
    expect(problems).toHaveLength(6);
  });

  it("reports a schema that differs from the database", async () => {
    const fresh = await createScratchDatabase(testAdminDatabaseUrl, "drift_schema");
    const freshClient = await testPg(fresh.url);
    try {
      const datamodel = readPrismaDatamodel();
      const teamMember = datamodel.models.find((m) => m.name === "TeamMember")!;
      teamMember.fields = teamMember.fields.filter((f) => f.name !== "lastActiveAt");
      const problems = findSchemaDrift(datamodel, await readSchemaSnapshot(freshClient));
      expect(problems).toContain("column team_members.last_active_at is in the database but not in schema.prisma");
    } finally {
      await freshClient.end();
      await fresh.drop();
    }
  });
});
