-- Rollback of 20251025000100_settings_tables (run by `npm run db:rollback`).
-- Dropping a table drops its indexes, constraints and trigger with it.
DROP TABLE IF EXISTS "integrations_config";
DROP TABLE IF EXISTS "billing_config";
DROP TABLE IF EXISTS "team_members";
DROP FUNCTION IF EXISTS "set_updated_at"();
