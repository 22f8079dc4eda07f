-- Rollback of 20251026000000_rls_and_audit_log (run by `npm run db:rollback`).
-- The role settings_app is cluster-wide and may serve other databases on the
-- same server, so it stays; this database stops granting it anything.
DROP TABLE IF EXISTS "audit_log";
DROP POLICY IF EXISTS "tenant_isolation" ON "workspaces";
DROP POLICY IF EXISTS "tenant_isolation" ON "team_members";
DROP POLICY IF EXISTS "tenant_isolation" ON "billing_config";
DROP POLICY IF EXISTS "tenant_isolation" ON "integrations_config";
DROP POLICY IF EXISTS "tenant_isolation" ON "daily_usage";
DROP POLICY IF EXISTS "tenant_members" ON "users";
DROP POLICY IF EXISTS "system_all" ON "workspaces";
DROP POLICY IF EXISTS "system_all" ON "team_members";
DROP POLICY IF EXISTS "system_all" ON "billing_config";
DROP POLICY IF EXISTS "system_all" ON "integrations_config";
DROP POLICY IF EXISTS "system_all" ON "daily_usage";
DROP POLICY IF EXISTS "system_all" ON "users";
ALTER TABLE "workspaces" DISABLE ROW LEVEL SECURITY;
ALTER TABLE "workspaces" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "team_members" DISABLE ROW LEVEL SECURITY;
ALTER TABLE "team_members" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "billing_config" DISABLE ROW LEVEL SECURITY;
ALTER TABLE "billing_config" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "integrations_config" DISABLE ROW LEVEL SECURITY;
ALTER TABLE "integrations_config" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "daily_usage" DISABLE ROW LEVEL SECURITY;
ALTER TABLE "daily_usage" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "users" DISABLE ROW LEVEL SECURITY;
ALTER TABLE "users" NO FORCE ROW LEVEL SECURITY;
REVOKE ALL ON "workspaces", "users", "team_members", "billing_config", "integrations_config", "daily_usage" FROM "settings_app";
REVOKE USAGE ON SCHEMA public FROM "settings_app";
