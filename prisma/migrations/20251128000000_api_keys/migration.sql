-- API keys and the public REST API (docs/decisions/008-api-keys-and-scopes.md,
-- docs/decisions/009-idempotency-etags-and-ingestion.md): workspace API keys (only the SHA-256 of
-- the secret is stored), the key principal's opening statement, audit entries that name a key as
-- their actor, stored responses for Idempotency-Key, and idempotent usage reports and events.

CREATE TABLE "api_keys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    -- `obs_live_` and the secret's first four characters: shown in lists, never enough to use.
    "prefix" VARCHAR(16) NOT NULL,
    -- SHA-256 (hex) of the whole key; the key itself is never stored.
    "key_hash" CHAR(64) NOT NULL,
    "scopes" TEXT[] NOT NULL,
    -- The creator's role when the key was created: the key never acts above it.
    "creator_role" VARCHAR(20) NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- Written at most once a minute (open_workspace_key_request), not on every request.
    "last_used_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "revoked_by" UUID,
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_keys_scopes_check" CHECK (
        cardinality("scopes") BETWEEN 1 AND 5
        AND "scopes" <@ ARRAY['read', 'team:write', 'integrations:write', 'usage:write', 'events:write']::TEXT[]),
    CONSTRAINT "api_keys_creator_role_check" CHECK ("creator_role" IN ('owner', 'admin', 'member', 'viewer')),
    CONSTRAINT "api_keys_name_check" CHECK (length(btrim("name")) > 0)
);
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_fkey"
    FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_revoked_by_fkey"
    FOREIGN KEY ("revoked_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");
CREATE INDEX "idx_api_keys_workspace_created" ON "api_keys"("workspace_id", "created_at" DESC, "id" DESC);
-- The job that retires expired keys finds them through this.
CREATE INDEX "idx_api_keys_expiry" ON "api_keys"("expires_at") WHERE "revoked_at" IS NULL AND "expires_at" IS NOT NULL;

GRANT SELECT, INSERT, UPDATE ON "api_keys" TO "settings_app";
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "api_keys" TO "settings_app"
    USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
CREATE POLICY "system_all" ON "api_keys" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');

-- Nothing maintained the seeded counter; from now on it is the number of live keys, kept in the
-- transaction that creates or revokes one.
UPDATE "billing_config" SET "api_keys_current" = 0;

-- The audit log names a key as the actor of what it did.
ALTER TABLE "audit_log" ADD COLUMN "actor_api_key_id" UUID;
ALTER TABLE "audit_log" ADD COLUMN "actor_api_key" VARCHAR(140);
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_api_key_id_fkey"
    FOREIGN KEY ("actor_api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Idempotency-Key on POST: the first response, replayed for 24 hours to the same caller.
CREATE TABLE "idempotency_keys" (
    -- NULL for a request outside any workspace (creating one).
    "workspace_id" UUID,
    -- `user:<id>` or `key:<id>`: one caller's keys never answer another's requests.
    "principal" VARCHAR(64) NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    -- Method and path, and the SHA-256 of the body: the same key with another request is refused.
    "route" VARCHAR(255) NOT NULL,
    "request_hash" CHAR(64) NOT NULL,
    "status_code" INTEGER,
    "response" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("principal", "key")
);
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "idx_idempotency_keys_created" ON "idempotency_keys"("created_at");
GRANT SELECT, INSERT, UPDATE, DELETE ON "idempotency_keys" TO "settings_app";
ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "idempotency_keys" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "idempotency_keys" TO "settings_app"
    USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
CREATE POLICY "system_all" ON "idempotency_keys" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');

-- Usage reports (POST /api/workspaces/{id}/usage): one row per idempotency key, so a repeated
-- report counts once; daily_usage and billing_config.traces_current_month change in the same statement.
CREATE TABLE "usage_reports" (
    "workspace_id" UUID NOT NULL,
    "idempotency_key" VARCHAR(255) NOT NULL,
    "traces" BIGINT NOT NULL,
    "day" DATE NOT NULL,
    "reported_at" TIMESTAMPTZ(6) NOT NULL,
    "counted_in_period" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "usage_reports_pkey" PRIMARY KEY ("workspace_id", "idempotency_key"),
    CONSTRAINT "usage_reports_traces_check" CHECK ("traces" >= 0)
);
ALTER TABLE "usage_reports" ADD CONSTRAINT "usage_reports_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
GRANT SELECT, INSERT ON "usage_reports" TO "settings_app";
ALTER TABLE "usage_reports" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "usage_reports" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "usage_reports" TO "settings_app"
    USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
CREATE POLICY "system_all" ON "usage_reports" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');

-- Events published through the API carry the caller's idempotency key: one event per key.
ALTER TABLE "event_outbox" ADD COLUMN "idempotency_key" VARCHAR(255);
CREATE UNIQUE INDEX "idx_event_outbox_idempotency" ON "event_outbox"("workspace_id", "idempotency_key")
    WHERE "idempotency_key" IS NOT NULL;

-- The key principal's opening statement: the twin of open_workspace_request for
-- `Authorization: Bearer` (docs/decisions/008-api-keys-and-scopes.md). The key is found by its
-- hash through the unique index (an equality lookup on a hash of 256 random bits: nothing to learn
-- from its timing); a revoked or expired key is nobody (401); a key of another workspace is not a
-- member here (404); without the scope it is refused (403). The hash comes back for a constant-time
-- comparison in the application as well. last_used_at is written at most once
-- per interval, only for a permitted request. Then the runtime role and the workspace binding,
-- transaction-local, exactly as for a member.
CREATE FUNCTION "open_workspace_key_request"(
  p_key_hash TEXT,
  p_workspace_id UUID,
  p_scope TEXT,
  p_roles TEXT[],
  p_touch BOOLEAN,
  p_touch_after_seconds INTEGER
) RETURNS JSON
LANGUAGE plpgsql
AS $$
DECLARE
  k RECORD;
  permitted BOOLEAN := FALSE;
BEGIN
  SELECT ak.id, ak.key_hash, ak.workspace_id, ak.name, ak.prefix, ak.scopes, ak.creator_role, ak.created_by, ak.last_used_at
    INTO k
    FROM public.api_keys ak
   WHERE ak.key_hash = p_key_hash AND ak.revoked_at IS NULL AND (ak.expires_at IS NULL OR ak.expires_at > now());
  IF NOT FOUND THEN
    PERFORM set_config('app.workspace_id', '', true);
    PERFORM set_config('role', 'settings_app', true);
    RETURN NULL;
  END IF;
  -- The scope must grant the permission, and the creator's role must have it (p_roles; empty for
  -- what only keys do): a key never acts above the role of the person who created it.
  IF k.workspace_id = p_workspace_id AND p_scope IS NOT NULL AND p_scope = ANY(k.scopes)
     AND (cardinality(p_roles) = 0 OR k.creator_role = ANY(p_roles)) THEN
    permitted := TRUE;
    IF p_touch AND (k.last_used_at IS NULL
                    OR k.last_used_at < now() - make_interval(secs => p_touch_after_seconds)) THEN
      UPDATE public.api_keys SET last_used_at = now() WHERE id = k.id;
    END IF;
  END IF;
  PERFORM set_config('app.workspace_id', CASE WHEN permitted THEN p_workspace_id::text ELSE '' END, true);
  PERFORM set_config('role', 'settings_app', true);
  RETURN json_build_object(
    'key_id', k.id, 'key_hash', k.key_hash, 'name', k.name, 'prefix', k.prefix, 'scopes', k.scopes, 'creator_role', k.creator_role,
    'created_by', k.created_by, 'last_used_at', k.last_used_at,
    'same_workspace', k.workspace_id = p_workspace_id, 'permitted', permitted);
END
$$;
REVOKE ALL ON FUNCTION "open_workspace_key_request"(TEXT, UUID, TEXT, TEXT[], BOOLEAN, INTEGER) FROM PUBLIC;
