import { randomUUID } from "node:crypto";
import pg from "pg";
import { createPrismaClient, type Db } from "../db/prisma";
import { testDatabaseUrl } from "./require-database";

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
