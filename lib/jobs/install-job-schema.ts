import { PgBoss } from "pg-boss";

/**
 * Creates or upgrades pg-boss's schema (`pgboss`) as the migration owner, alongside our migrations:
 * the app's login role has no DDL rights, so its job runner finds the schema ready
 * (docs/operations.md, "Database roles"). Nothing is scheduled or supervised here.
 */
export async function installJobSchema(connectionString: string): Promise<void> {
  const boss = new PgBoss({ connectionString, schema: "pgboss", supervise: false, schedule: false, max: 1 });
  boss.on("error", () => undefined); // start() rejects with the same error
  await boss.start();
  await boss.stop({ graceful: false, close: true });
}
