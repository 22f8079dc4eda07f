import pg from "pg";
import { createScratchDatabase } from "../scratch-database";
import { readPrismaDatamodel } from "./prisma-datamodel";
import { findSchemaDrift } from "./schema-drift";
import { readSchemaSnapshot } from "./schema-snapshot";

/** Builds a scratch database from the migrations on `serverUrl`'s server and lists its drift from schema.prisma. */
export async function checkMigrationDrift(serverUrl: string): Promise<string[]> {
  const scratch = await createScratchDatabase(serverUrl, "drift");
  try {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      return findSchemaDrift(readPrismaDatamodel(), await readSchemaSnapshot(client));
    } finally {
      await client.end();
    }
  } finally {
    await scratch.drop();
  }
}
