-- Integration delivery (docs/decisions/013-integration-delivery.md): one delivery per (event,
-- integration), every attempt logged, and the runtime state of each integration (pause reason,
-- failure streak, warnings sent, its rate-limit window) beside integrations_config, whose columns
-- the seed fixed.

-- Severity order for event_filters.min_severity (info < warning < error < critical).
CREATE FUNCTION "severity_rank"(severity TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE severity WHEN 'critical' THEN 3 WHEN 'error' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END $$;

-- One row per (event, integration): the dispatcher inserts it with ON CONFLICT DO NOTHING, so two
-- dispatchers never make two. Its id is the Standard Webhooks `webhook-id`: the same on every retry.
-- event_id is NULL for "Send test event". `job_id` names the one pg-boss job that may work the
-- delivery now; a job that finds another id there is stale and does nothing.
CREATE TABLE "integration_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "event_id" UUID,
    "event_type" VARCHAR(64) NOT NULL,
    "severity" VARCHAR(16) NOT NULL DEFAULT 'info',
    "event_created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- pending: queued or waiting for its next attempt; held: its integration is paused or disabled;
    -- succeeded; failed: gave up (retries exhausted or a permanent refusal).
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(6),
    "job_id" UUID,
    "last_http_status" INTEGER,
    "last_latency_ms" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(6),
    CONSTRAINT "integration_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "integration_deliveries_status_check" CHECK ("status" IN ('pending', 'held', 'succeeded', 'failed'))
);
ALTER TABLE "integration_deliveries" ADD CONSTRAINT "integration_deliveries_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "integration_deliveries" ADD CONSTRAINT "integration_deliveries_integration_id_fkey"
    FOREIGN KEY ("integration_id") REFERENCES "integrations_config"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "integration_deliveries" ADD CONSTRAINT "integration_deliveries_event_id_fkey"
    FOREIGN KEY ("event_id") REFERENCES "event_outbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE UNIQUE INDEX "idx_integration_deliveries_event" ON "integration_deliveries"("integration_id", "event_id");
CREATE INDEX "idx_integration_deliveries_log" ON "integration_deliveries"("integration_id", "created_at" DESC);
CREATE INDEX "idx_integration_deliveries_open" ON "integration_deliveries"("integration_id") WHERE "status" IN ('pending', 'held');
CREATE INDEX "idx_integration_deliveries_event_id" ON "integration_deliveries"("event_id");
-- Pending deliveries no job works yet (new, retried by hand, replayed, released): the dispatcher queues them.
CREATE INDEX "idx_integration_deliveries_unqueued" ON "integration_deliveries"("next_attempt_at") WHERE "status" = 'pending' AND "job_id" IS NULL;

-- Every attempt: what was sent back, how long it took, and what it came to.
CREATE TABLE "integration_delivery_attempts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "attempted_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- success | retryable | permanent | gone (the sender's verdict, docs/integrations.md)
    "outcome" VARCHAR(16) NOT NULL,
    "http_status" INTEGER,
    "latency_ms" INTEGER NOT NULL,
    "error" TEXT,
    "response_excerpt" VARCHAR(2048),
    "request_id" VARCHAR(200),
    CONSTRAINT "integration_delivery_attempts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "integration_delivery_attempts_outcome_check" CHECK ("outcome" IN ('success', 'retryable', 'permanent', 'gone'))
);
ALTER TABLE "integration_delivery_attempts" ADD CONSTRAINT "integration_delivery_attempts_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "integration_delivery_attempts" ADD CONSTRAINT "integration_delivery_attempts_delivery_id_fkey"
    FOREIGN KEY ("delivery_id") REFERENCES "integration_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "idx_integration_attempts_delivery" ON "integration_delivery_attempts"("delivery_id", "attempt");
CREATE INDEX "idx_integration_attempts_recent" ON "integration_delivery_attempts"("integration_id", "attempted_at" DESC);
CREATE INDEX "idx_integration_attempts_age" ON "integration_delivery_attempts"("attempted_at");

-- The runtime state of an integration.
CREATE TABLE "integration_runtime" (
    "integration_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    -- Why the integration is off when the engine or its user turned it off, with what to fix.
    -- paused_by: user | gone (410, Slack 404/410) | failures (auto-disabled)
    "paused_by" VARCHAR(16),
    "paused_reason" TEXT,
    "paused_at" TIMESTAMPTZ(6),
    -- The first failure of the current streak of consecutive failures (NULL after a success).
    "failing_since" TIMESTAMPTZ(6),
    -- The last warning emailed for this streak: 0, 5 or 10 consecutive failures.
    "warned_at_failures" INTEGER NOT NULL DEFAULT 0,
    -- A masked hint of the secret ("whsec_…a1b2", "hooks.slack.com/…/XyZ9"); never the secret.
    "secret_hint" VARCHAR(80),
    -- Rate limit: the current one-minute window and how many sends it has given out.
    "rate_window_start" TIMESTAMPTZ(6),
    "rate_window_count" INTEGER NOT NULL DEFAULT 0,
    -- The last health check's verdict in words ("skipped: …", "Datadog accepted the API key").
    "health_detail" TEXT,
    CONSTRAINT "integration_runtime_pkey" PRIMARY KEY ("integration_id"),
    CONSTRAINT "integration_runtime_paused_by_check" CHECK ("paused_by" IS NULL OR "paused_by" IN ('user', 'gone', 'failures'))
);
ALTER TABLE "integration_runtime" ADD CONSTRAINT "integration_runtime_integration_id_fkey"
    FOREIGN KEY ("integration_id") REFERENCES "integrations_config"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "integration_runtime" ADD CONSTRAINT "integration_runtime_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
INSERT INTO "integration_runtime" ("integration_id", "workspace_id") SELECT "id", "workspace_id" FROM "integrations_config";

-- Tenants read deliveries and attempts (the delivery log) and queue retries and replays; the
-- engine (system client) does the rest.
GRANT SELECT, INSERT, UPDATE ON "integration_deliveries" TO "settings_app";
GRANT SELECT ON "integration_delivery_attempts" TO "settings_app";
GRANT SELECT, INSERT, UPDATE ON "integration_runtime" TO "settings_app";
DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['integration_deliveries', 'integration_delivery_attempts', 'integration_runtime'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY "tenant_isolation" ON %I TO "settings_app"
            USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
            WITH CHECK ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)$p$, t);
        EXECUTE format($p$CREATE POLICY "system_all" ON %I TO PUBLIC
            USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app')$p$, t);
    END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION "severity_rank"(TEXT) TO "settings_app";
