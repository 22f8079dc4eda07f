import { randomUUID } from "node:crypto";
import pg from "pg";
import { seedSampleData } from "../../prisma/sample-data";
import { credentialsCipher } from "../crypto/credentials-key";
import { createPrismaClient, type Db } from "../db/prisma";
import { createScratchDatabase } from "../db/scratch-database";
import { testAdminDatabaseUrl, testDatabaseUrl } from "./require-database";

/** A Prisma client on the suite's database. */
export function testPrisma(): Db {
  return createPrismaClient(testDatabaseUrl);
}

/** A pg client on the suite's database (connected). */
export async function testPg(url: string = testDatabaseUrl): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A workspace of the test's own; tests never truncate shared tables. */
export async function createTestWorkspace(db: Db, label = "test"): Promise<{ id: string; slug: string }> {
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  return db.workspace.create({ data: { name: `Test ${label}`, slug }, select: { id: true, slug: true } });
}

/** A user of the test's own with a unique address. */
export async function createTestUser(db: Db, label = "user"): Promise<{ id: string; email: string }> {
  return db.user.create({
    data: { email: `${label}-${randomUUID().slice(0, 8)}@test.example`, name: label },
    select: { id: true, email: true },
  });
}

/**
 * A scratch database of the test's own, migrated and empty, with a Prisma client: for code that works
 * across all workspaces (jobs), which must not run over other test files' rows. `close()` drops it.
 */
export async function scratchPrisma(label: string): Promise<{ db: Db; close: () => Promise<void> }> {
  const scratch = await createScratchDatabase(testAdminDatabaseUrl, label, { appUrl: testDatabaseUrl });
  const db = createPrismaClient(scratch.url);
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await scratch.drop();
    },
  };
}

/**
 * A scratch database of the test file's own, migrated and loaded with the
 * sample data, with a connected pg client: as the app's login role, or with
 * `owner` as the migration owner (checks of the schema itself, such as the
 * seed's verification queries). `close()` ends and drops it.
 */
export async function seededScratchDatabase(
  label: string,
  options: { owner?: boolean } = {},
): Promise<{ url: string; client: pg.Client; close: () => Promise<void> }> {
  const scratch = await createScratchDatabase(testAdminDatabaseUrl, label, { appUrl: testDatabaseUrl });
  const db = createPrismaClient(scratch.url);
  try {
    await seedSampleData(db, credentialsCipher());
  } finally {
    await db.$disconnect();
  }
  const url = options.owner ? scratch.adminUrl : scratch.url;
  const client = await testPg(url);
  return {
    url,
    client,
    close: async () => {
      await client.end();
      await scratch.drop();
    },
  };
}
