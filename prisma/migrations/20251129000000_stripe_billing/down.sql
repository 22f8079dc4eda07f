DROP TABLE IF EXISTS "overage_reports";
ALTER TABLE "billing_config" DROP COLUMN IF EXISTS "overage_reported_through";
ALTER TABLE "billing_config" DROP CONSTRAINT IF EXISTS "billing_config_scheduled_plan_type_check";
ALTER TABLE "billing_config" DROP COLUMN IF EXISTS "scheduled_plan_change_at";
ALTER TABLE "billing_config" DROP COLUMN IF EXISTS "scheduled_plan_type";
ALTER TABLE "billing_config" DROP COLUMN IF EXISTS "billing_cycle_anchor";
DROP INDEX IF EXISTS "billing_config_stripe_customer_id_key";
DROP TABLE IF EXISTS "stripe_events";
