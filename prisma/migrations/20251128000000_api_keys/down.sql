-- Rollback of 20251128000000_api_keys (run by `npm run db:rollback`).
DROP FUNCTION IF EXISTS "open_workspace_key_request"(TEXT, UUID, TEXT, TEXT[], BOOLEAN, INTEGER);
DROP INDEX IF EXISTS "idx_event_outbox_idempotency";
ALTER TABLE "event_outbox" DROP COLUMN IF EXISTS "idempotency_key";
DROP TABLE IF EXISTS "usage_reports";
DROP TABLE IF EXISTS "idempotency_keys";
ALTER TABLE "audit_log" DROP CONSTRAINT IF EXISTS "audit_log_actor_api_key_id_fkey";
ALTER TABLE "audit_log" DROP COLUMN IF EXISTS "actor_api_key";
ALTER TABLE "audit_log" DROP COLUMN IF EXISTS "actor_api_key_id";
DROP TABLE IF EXISTS "api_keys";
