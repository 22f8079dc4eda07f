DROP TABLE IF EXISTS "integration_runtime";
DROP TABLE IF EXISTS "integration_delivery_attempts";
DROP TABLE IF EXISTS "integration_deliveries";
DROP FUNCTION IF EXISTS "severity_rank"(TEXT);
