-- Billing with Stripe (docs/decisions/010-stripe-webhook-inbox.md, docs/decisions/011-usage-metering.md):
-- the webhook inbox, the billing cycle (anchor, a downgrade scheduled for the period's end), and the
-- overage reports sent to Stripe's billing meter.

-- Every Stripe event received, keyed by its id and written in the same transaction as its effect,
-- so a duplicate (even a concurrent one) is applied once. Webhooks cross workspaces: only the
-- system client (webhook route, replay, jobs) touches this table.
CREATE TABLE "stripe_events" (
    "id" VARCHAR(255) NOT NULL,
    "type" VARCHAR(100) NOT NULL,
    -- The event's own `created` (Stripe's clock), not when it arrived.
    "created" TIMESTAMPTZ(6) NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "payload" JSONB NOT NULL,
    "workspace_id" UUID,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- NULL until its effect committed; a failed attempt leaves it NULL with last_error set.
    "processed_at" TIMESTAMPTZ(6),
    -- applied | stale | unhandled | no_workspace
    "outcome" VARCHAR(20),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "stripe_events_outcome_check" CHECK ("outcome" IS NULL OR "outcome" IN ('applied', 'stale', 'unhandled', 'no_workspace'))
);
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "idx_stripe_events_created" ON "stripe_events"("created");
CREATE INDEX "idx_stripe_events_unprocessed" ON "stripe_events"("received_at") WHERE "processed_at" IS NULL;
ALTER TABLE "stripe_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "stripe_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "system_all" ON "stripe_events" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');

-- The billing cycle beside billing_config (whose columns the seed fixed): the anchor periods are
-- counted from — period k runs from anchor + k months to anchor + k + 1 months, each clamped to its
-- month's last day, so an anchor on the 31st gives Feb 28 (or 29), then Mar 31 — a downgrade waiting
-- for the period's end (a Stripe subscription schedule), and how far overage has been sent to Stripe.
CREATE TABLE "billing_cycles" (
    "workspace_id" UUID NOT NULL,
    "anchor" TIMESTAMPTZ(6) NOT NULL,
    "scheduled_plan_type" VARCHAR(20),
    "scheduled_plan_change_at" TIMESTAMPTZ(6),
    "overage_reported_through" TIMESTAMPTZ(6),
    CONSTRAINT "billing_cycles_pkey" PRIMARY KEY ("workspace_id"),
    CONSTRAINT "billing_cycles_scheduled_plan_type_check"
        CHECK ("scheduled_plan_type" IS NULL OR "scheduled_plan_type" IN ('free', 'starter', 'professional')),
    CONSTRAINT "billing_cycles_scheduled_together" CHECK (("scheduled_plan_type" IS NULL) = ("scheduled_plan_change_at" IS NULL))
);
ALTER TABLE "billing_cycles" ADD CONSTRAINT "billing_cycles_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
INSERT INTO "billing_cycles" ("workspace_id", "anchor") SELECT "workspace_id", "current_period_start" FROM "billing_config";
GRANT SELECT, INSERT, UPDATE ON "billing_cycles" TO "settings_app";
ALTER TABLE "billing_cycles" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "billing_cycles" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "billing_cycles" TO "settings_app"
    USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
CREATE POLICY "system_all" ON "billing_cycles" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');

-- Overage per workspace and closed hour: the amount is fixed when the row is written and sent with
-- the identifier `<workspace>:<hour>`, so a job that crashes and reruns sends the same identifier
-- and the same value, and Stripe counts it once.
CREATE TABLE "overage_reports" (
    "workspace_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(6) NOT NULL,
    "traces" BIGINT NOT NULL,
    "identifier" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(6),
    CONSTRAINT "overage_reports_pkey" PRIMARY KEY ("workspace_id", "hour"),
    CONSTRAINT "overage_reports_traces_check" CHECK ("traces" >= 0)
);
ALTER TABLE "overage_reports" ADD CONSTRAINT "overage_reports_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "idx_overage_reports_unsent" ON "overage_reports"("created_at") WHERE "sent_at" IS NULL;
GRANT SELECT ON "overage_reports" TO "settings_app";
ALTER TABLE "overage_reports" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "overage_reports" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "overage_reports" TO "settings_app"
    USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', true), '')::uuid);
CREATE POLICY "system_all" ON "overage_reports" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');
