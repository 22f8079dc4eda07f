DROP TABLE IF EXISTS "overage_reports";
DROP TABLE IF EXISTS "billing_cycles";
DROP TABLE IF EXISTS "stripe_events";
