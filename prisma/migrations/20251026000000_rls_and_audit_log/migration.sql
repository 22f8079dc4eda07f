-- The audit log, the runtime role and row-level security (DESIGN §4).
--
-- Requests run their queries as `settings_app` (no login, no BYPASSRLS) inside a
-- transaction that sets `app.workspace_id`; every workspace-scoped table is
-- ENABLEd and FORCEd under RLS with a policy on that setting. Without it,
-- the role sees no rows at all.

CREATE TABLE "audit_log" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "actor_user_id" UUID,
    "actor_email" VARCHAR(320),
    "action" VARCHAR(64) NOT NULL,
    "target_type" VARCHAR(32) NOT NULL,
    "target_id" VARCHAR(64),
    "before" JSONB,
    "after" JSONB,
    "ip_address" VARCHAR(64),
    "user_agent" VARCHAR(512),
    "request_id" VARCHAR(64),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_log_action_format" CHECK ("action" ~ '^[a-z_]+\.[a-z_]+$')
);
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_fkey"
    FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "idx_audit_log_workspace_created" ON "audit_log"("workspace_id", "created_at" DESC);
CREATE INDEX "idx_audit_log_workspace_actor" ON "audit_log"("workspace_id", "actor_user_id", "created_at" DESC);
CREATE INDEX "idx_audit_log_workspace_action" ON "audit_log"("workspace_id", "action", "created_at" DESC);

-- The runtime role. Roles are cluster-wide, so several databases on one server
-- share it: create it once, tolerate a concurrent creation.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'settings_app') THEN
        CREATE ROLE "settings_app" NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

-- The migrating user (the app's connection user) may switch to it.
DO $$
BEGIN
    EXECUTE format('GRANT settings_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'could not grant settings_app to %: %', current_user, SQLERRM;
END
$$;

GRANT USAGE ON SCHEMA public TO "settings_app";
GRANT SELECT, UPDATE ON "workspaces" TO "settings_app";
GRANT SELECT ON "users" TO "settings_app";
GRANT SELECT, INSERT, UPDATE ON "team_members", "billing_config", "integrations_config" TO "settings_app";
GRANT DELETE ON "integrations_config" TO "settings_app";
GRANT SELECT, INSERT, UPDATE ON "daily_usage" TO "settings_app";
-- Append-only: no UPDATE or DELETE on the audit log.
GRANT SELECT, INSERT ON "audit_log" TO "settings_app";

ALTER TABLE "workspaces" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workspaces" FORCE ROW LEVEL SECURITY;
ALTER TABLE "team_members" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "team_members" FORCE ROW LEVEL SECURITY;
ALTER TABLE "billing_config" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "billing_config" FORCE ROW LEVEL SECURITY;
ALTER TABLE "integrations_config" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "integrations_config" FORCE ROW LEVEL SECURITY;
ALTER TABLE "daily_usage" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "daily_usage" FORCE ROW LEVEL SECURITY;
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;

-- The table owner (migrations, the system client) is not subject to these
-- policies' role: each policy names settings_app, and the owner gets an
-- explicit allow-all policy so FORCE does not lock it out.
CREATE POLICY "tenant_isolation" ON "workspaces" TO "settings_app"
    USING ("id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK ("id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
CREATE POLICY "tenant_isolation" ON "team_members" TO "settings_app"
    USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
CREATE POLICY "tenant_isolation" ON "billing_config" TO "settings_app"
    USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
CREATE POLICY "tenant_isolation" ON "integrations_config" TO "settings_app"
    USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
CREATE POLICY "tenant_isolation" ON "daily_usage" TO "settings_app"
    USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
CREATE POLICY "tenant_isolation" ON "audit_log" TO "settings_app"
    USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
-- Users are visible to a workspace when they have (or had) a membership in it.
CREATE POLICY "tenant_members" ON "users" FOR SELECT TO "settings_app"
    USING (EXISTS (SELECT 1 FROM "team_members" tm
                    WHERE tm."user_id" = "users"."id"
                      AND tm."workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid));

CREATE POLICY "system_all" ON "workspaces" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');
CREATE POLICY "system_all" ON "team_members" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');
CREATE POLICY "system_all" ON "billing_config" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');
CREATE POLICY "system_all" ON "integrations_config" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');
CREATE POLICY "system_all" ON "daily_usage" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');
CREATE POLICY "system_all" ON "audit_log" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');
CREATE POLICY "system_all" ON "users" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');
