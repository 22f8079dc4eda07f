// `npx tsx scripts/db-recreate.ts <url>`: drops and creates the database a
// connection string names (CI uses it for a fresh database on a real server).
import { dropDatabase, ensureDatabase } from "../lib/db/create-database";
import { redactUrl } from "../lib/db/database-url";

const url = process.argv[2];
if (!url) {
  console.error("Usage: npx tsx scripts/db-recreate.ts postgresql://user@host:port/database");
  process.exit(2);
}
await dropDatabase(url);
await ensureDatabase(url);
console.log(`Created a fresh ${redactUrl(url)}.`);
