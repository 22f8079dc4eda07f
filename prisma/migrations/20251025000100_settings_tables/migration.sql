-- Phase 5 settings tables: team_members (16 columns), billing_config (29),
-- integrations_config (21), their CHECK constraints, foreign keys, the
-- seed's indexes and one BEFORE UPDATE trigger per table for updated_at.
-- Rollback: down.sql beside this file (`npm run db:rollback`).

-- updated_at is kept by the database, whoever writes the row.
CREATE OR REPLACE FUNCTION "set_updated_at"() RETURNS TRIGGER AS $$
BEGIN
    NEW."updated_at" = CURRENT_TIMESTAMP;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- ---------------------------------------------------------------------------
-- team_members: workspace membership, RBAC and the invitation workflow
-- ---------------------------------------------------------------------------
CREATE TABLE "team_members" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" VARCHAR(20) NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'pending',
    "invitation_token_hash" CHAR(64),
    "invitation_expires_at" TIMESTAMPTZ(6),
    "invited_by" UUID,
    "joined_at" TIMESTAMPTZ(6),
    "last_active_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID,
    "updated_by" UUID,
    "deleted_at" TIMESTAMPTZ(6),
    "deleted_by" UUID,
    CONSTRAINT "team_members_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "team_members_role_check" CHECK ("role" IN ('owner', 'admin', 'member', 'viewer')),
    CONSTRAINT "team_members_status_check" CHECK ("status" IN ('pending', 'active', 'inactive')),
    CONSTRAINT "team_members_token_hash_format" CHECK ("invitation_token_hash" IS NULL OR "invitation_token_hash" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "team_members_pending_has_expiry" CHECK ("status" <> 'pending' OR "invitation_expires_at" IS NOT NULL),
    CONSTRAINT "team_members_deleted_by_requires_deleted_at" CHECK ("deleted_by" IS NULL OR "deleted_at" IS NOT NULL)
);

ALTER TABLE "team_members" ADD CONSTRAINT "team_members_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_fkey"
    FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_invited_by_fkey"
    FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_created_by_fkey"
    FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_updated_by_fkey"
    FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_deleted_by_fkey"
    FOREIGN KEY ("deleted_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Active members of a workspace (seed EXPLAIN example 1).
CREATE INDEX "idx_team_members_workspace_status" ON "team_members"("workspace_id", "status") WHERE "deleted_at" IS NULL;
-- One live membership per user and workspace; soft-deleted rows do not count.
CREATE UNIQUE INDEX "idx_team_members_workspace_user_live" ON "team_members"("workspace_id", "user_id") WHERE "deleted_at" IS NULL;
-- Invitation token validation.
CREATE UNIQUE INDEX "idx_team_members_invitation_token" ON "team_members"("invitation_token_hash") WHERE "invitation_token_hash" IS NOT NULL;
-- Role lookups (owners and admins of a workspace).
CREATE INDEX "idx_team_members_workspace_role" ON "team_members"("workspace_id", "role") WHERE "deleted_at" IS NULL;
-- A user's memberships (workspace switcher, membership check).
CREATE INDEX "idx_team_members_user_id" ON "team_members"("user_id") WHERE "deleted_at" IS NULL;
-- Pending invitation cleanup (hourly expiry job).
CREATE INDEX "idx_team_members_pending_expiry" ON "team_members"("invitation_expires_at") WHERE "status" = 'pending' AND "deleted_at" IS NULL;
-- Activity tracking.
CREATE INDEX "idx_team_members_last_active" ON "team_members"("workspace_id", "last_active_at" DESC) WHERE "deleted_at" IS NULL;

CREATE TRIGGER "trg_team_members_updated_at" BEFORE UPDATE ON "team_members"
    FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();

-- ---------------------------------------------------------------------------
-- billing_config: plan, limits, usage counters and Stripe state (one per workspace)
-- ---------------------------------------------------------------------------
CREATE TABLE "billing_config" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "plan_type" VARCHAR(20) NOT NULL DEFAULT 'free',
    "plan_status" VARCHAR(20) NOT NULL DEFAULT 'active',
    "traces_per_month_limit" BIGINT DEFAULT 10000,
    "traces_current_month" BIGINT NOT NULL DEFAULT 0,
    "team_members_limit" INTEGER DEFAULT 3,
    "team_members_current" INTEGER NOT NULL DEFAULT 0,
    "api_keys_limit" INTEGER DEFAULT 2,
    "api_keys_current" INTEGER NOT NULL DEFAULT 0,
    "overage_enabled" BOOLEAN NOT NULL DEFAULT false,
    "overage_price_per_1k_traces" DECIMAL(10,4),
    "price_monthly" DECIMAL(10,2) NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL DEFAULT 'usd',
    "current_period_start" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "current_period_end" TIMESTAMPTZ(6) NOT NULL,
    "trial_ends_at" TIMESTAMPTZ(6),
    "stripe_customer_id" VARCHAR(255),
    "stripe_subscription_id" VARCHAR(255),
    "stripe_price_id" VARCHAR(255),
    "billing_email" VARCHAR(320),
    "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT false,
    "canceled_at" TIMESTAMPTZ(6),
    "cancellation_reason" TEXT,
    "last_usage_alert_threshold" INTEGER,
    "last_usage_alert_sent_at" TIMESTAMPTZ(6),
    "last_stripe_event_created_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "billing_config_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "billing_config_plan_type_check" CHECK ("plan_type" IN ('free', 'starter', 'professional', 'enterprise')),
    CONSTRAINT "billing_config_plan_status_check" CHECK ("plan_status" IN ('active', 'trialing', 'past_due', 'canceled', 'suspended')),
    CONSTRAINT "billing_config_counters_non_negative" CHECK ("traces_current_month" >= 0 AND "team_members_current" >= 0 AND "api_keys_current" >= 0),
    CONSTRAINT "billing_config_limits_non_negative" CHECK (
        ("traces_per_month_limit" IS NULL OR "traces_per_month_limit" >= 0)
        AND ("team_members_limit" IS NULL OR "team_members_limit" >= 0)
        AND ("api_keys_limit" IS NULL OR "api_keys_limit" >= 0)),
    CONSTRAINT "billing_config_prices_non_negative" CHECK ("price_monthly" >= 0 AND ("overage_price_per_1k_traces" IS NULL OR "overage_price_per_1k_traces" >= 0)),
    CONSTRAINT "billing_config_currency_format" CHECK ("currency" ~ '^[a-z]{3}$'),
    CONSTRAINT "billing_config_period_order" CHECK ("current_period_end" > "current_period_start"),
    CONSTRAINT "billing_config_alert_threshold_check" CHECK ("last_usage_alert_threshold" IS NULL OR "last_usage_alert_threshold" IN (80, 100))
);

-- One row per workspace; its index is billing_config_workspace_id_key (seed EXPLAIN example 2).
CREATE UNIQUE INDEX "billing_config_workspace_id_key" ON "billing_config"("workspace_id");
ALTER TABLE "billing_config" ADD CONSTRAINT "billing_config_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Plan analytics.
CREATE INDEX "idx_billing_config_plan" ON "billing_config"("plan_type", "plan_status");
-- Billing cycle (period rollover job).
CREATE INDEX "idx_billing_config_billing_cycle" ON "billing_config"("current_period_end");
-- Trial expiration tracking.
CREATE INDEX "idx_billing_config_trial_end" ON "billing_config"("trial_ends_at") WHERE "plan_status" = 'trialing';
-- Stripe webhook processing.
CREATE INDEX "idx_billing_config_stripe" ON "billing_config"("stripe_customer_id", "stripe_subscription_id") WHERE "stripe_customer_id" IS NOT NULL;
-- Usage limit monitoring.
CREATE INDEX "idx_billing_config_usage_limits" ON "billing_config"("traces_current_month", "traces_per_month_limit") WHERE "plan_status" IN ('active', 'trialing');

CREATE TRIGGER "trg_billing_config_updated_at" BEFORE UPDATE ON "billing_config"
    FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();

-- ---------------------------------------------------------------------------
-- integrations_config: external integrations; secrets only in credentials_encrypted
-- ---------------------------------------------------------------------------
CREATE TABLE "integrations_config" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "integration_type" VARCHAR(20) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "is_enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL DEFAULT '{}',
    "credentials_encrypted" TEXT,
    "event_filters" JSONB NOT NULL DEFAULT '{}',
    "health_status" VARCHAR(20) NOT NULL DEFAULT 'unknown',
    "last_health_check_at" TIMESTAMPTZ(6),
    "last_sync_at" TIMESTAMPTZ(6),
    "last_error_message" TEXT,
    "last_error_at" TIMESTAMPTZ(6),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "total_events_sent" BIGINT NOT NULL DEFAULT 0,
    "total_errors" BIGINT NOT NULL DEFAULT 0,
    "rate_limit_per_minute" INTEGER NOT NULL DEFAULT 60,
    "retry_config" JSONB NOT NULL DEFAULT '{"max_retries": 3, "backoff_seconds": 30}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID,
    CONSTRAINT "integrations_config_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "integrations_config_type_check" CHECK ("integration_type" IN ('slack', 'pagerduty', 'webhook', 'sentry', 'datadog', 'custom')),
    CONSTRAINT "integrations_config_health_status_check" CHECK ("health_status" IN ('healthy', 'degraded', 'unhealthy', 'unknown')),
    CONSTRAINT "integrations_config_name_not_blank" CHECK (length(btrim("name")) > 0),
    CONSTRAINT "integrations_config_counters_non_negative" CHECK ("consecutive_failures" >= 0 AND "total_events_sent" >= 0 AND "total_errors" >= 0),
    CONSTRAINT "integrations_config_rate_limit_positive" CHECK ("rate_limit_per_minute" > 0),
    CONSTRAINT "integrations_config_json_objects" CHECK (jsonb_typeof("config") = 'object' AND jsonb_typeof("event_filters") = 'object' AND jsonb_typeof("retry_config") = 'object')
);

ALTER TABLE "integrations_config" ADD CONSTRAINT "integrations_config_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "integrations_config" ADD CONSTRAINT "integrations_config_created_by_fkey"
    FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Name unique per workspace and type.
CREATE UNIQUE INDEX "integrations_config_workspace_type_name_key" ON "integrations_config"("workspace_id", "integration_type", "name");
-- Enabled integrations of a workspace (seed EXPLAIN example 3).
CREATE INDEX "idx_integrations_workspace_enabled" ON "integrations_config"("workspace_id", "is_enabled");
-- Health monitoring.
CREATE INDEX "idx_integrations_health" ON "integrations_config"("health_status") WHERE "is_enabled" = TRUE;
-- Error tracking.
CREATE INDEX "idx_integrations_errors" ON "integrations_config"("workspace_id", "last_error_at" DESC) WHERE "last_error_at" IS NOT NULL;
-- Event filter matching.
CREATE INDEX "idx_integrations_event_filters" ON "integrations_config" USING GIN ("event_filters" jsonb_path_ops);
-- Activity tracking.
CREATE INDEX "idx_integrations_activity" ON "integrations_config"("last_sync_at" DESC);

CREATE TRIGGER "trg_integrations_config_updated_at" BEFORE UPDATE ON "integrations_config"
    FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();
