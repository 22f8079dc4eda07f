// `npm run db:roles`: creates (or updates) the app's least-privilege login role and grants it what
// the app and the worker need, as the migration owner. The role and its password are DATABASE_URL's
// user; the owner connects with DATABASE_ADMIN_URL. Run it after `npm run db:migrate` on a new
// server, and again after restoring a backup. See docs/operations.md ("Database roles").
import { redactUrl } from "../lib/db/database-url";
import { ensureLoginRoleOn, loginRoleOf } from "../lib/db/roles/login-role";
import { env } from "../lib/env";

if (!env.DATABASE_URL || !env.DATABASE_ADMIN_URL) {
  console.error(
    "Set DATABASE_ADMIN_URL (the migration owner, e.g. postgresql://settings_owner:…@db:5432/settings) and " +
      "DATABASE_URL (the login role to create, e.g. postgresql://settings_login:…@db:5432/settings).",
  );
  process.exit(1);
}
const role = loginRoleOf(env.DATABASE_URL, env.DATABASE_ADMIN_URL);
if (!role) {
  console.error(
    "DATABASE_URL must name a user other than DATABASE_ADMIN_URL's: the app must not connect as the owner.",
  );
  process.exit(1);
}
try {
  await ensureLoginRoleOn(env.DATABASE_ADMIN_URL, role);
  console.log(
    `Login role "${role.name}" is ready on ${redactUrl(env.DATABASE_ADMIN_URL)}: no superuser, no BYPASSRLS, ` +
      "owns nothing, may SET ROLE settings_app; data privileges only.",
  );
} catch (error) {
  console.error(`Could not set up the login role: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
