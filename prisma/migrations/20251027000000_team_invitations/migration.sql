-- Team tab: the transactional outbox, the shared rate-limit store, and the one
-- narrow capability the runtime role needs to invite a new address.

CREATE TABLE "event_outbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "event_type" VARCHAR(64) NOT NULL,
    "severity" VARCHAR(16) NOT NULL DEFAULT 'info',
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(6),
    CONSTRAINT "event_outbox_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "event_outbox_type_check" CHECK ("event_type" IN (
        'alert.triggered', 'alert.resolved', 'usage.threshold_reached', 'usage.limit_exceeded',
        'billing.payment_failed', 'billing.plan_changed', 'billing.trial_ending',
        'member.invited', 'member.joined', 'member.removed', 'member.role_changed', 'integration.test')),
    CONSTRAINT "event_outbox_severity_check" CHECK ("severity" IN ('info', 'warning', 'error', 'critical'))
);
ALTER TABLE "event_outbox" ADD CONSTRAINT "event_outbox_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "idx_event_outbox_unpublished" ON "event_outbox"("created_at") WHERE "published_at" IS NULL;
CREATE INDEX "idx_event_outbox_workspace_created" ON "event_outbox"("workspace_id", "created_at" DESC);

GRANT SELECT, INSERT ON "event_outbox" TO "settings_app";
ALTER TABLE "event_outbox" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "event_outbox" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "event_outbox" TO "settings_app"
    USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
CREATE POLICY "system_all" ON "event_outbox" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');

-- rate-limiter-flexible's table (created here so the runtime never runs DDL).
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- Inviting an address that has no account yet creates its users row. The
-- runtime role cannot see users outside its workspace, so this one function,
-- running as its owner, finds or creates the row by address and returns its id.
CREATE FUNCTION "ensure_user_for_invitation"(p_email TEXT) RETURNS UUID
    LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
    INSERT INTO "users" ("email") VALUES (lower(btrim(p_email)))
    ON CONFLICT ("email") DO UPDATE SET "email" = EXCLUDED."email"
    RETURNING "id";
$$;
REVOKE ALL ON FUNCTION "ensure_user_for_invitation"(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "ensure_user_for_invitation"(TEXT) TO "settings_app";
