// `npm run db:seed`: loads the sample data into DATABASE_URL, or into the
// embedded development database when DATABASE_URL is not set.
import { credentialsCipher } from "../lib/crypto/credentials-key";
import { createPrismaClient } from "../lib/db/prisma";
import { resolveDatabase } from "../lib/db/resolve-database";
import { seedSampleData } from "./sample-data";

const database = await resolveDatabase("dev");
const db = createPrismaClient(database.url);
try {
  await seedSampleData(db, credentialsCipher());
  console.log("Sample data is in place (workspace 00000000-0000-0000-0000-000000000001).");
} finally {
  await db.$disconnect();
  await database.stop();
}
