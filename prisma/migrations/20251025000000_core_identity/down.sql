-- Rollback of 20251025000000_core_identity (run by `npm run db:rollback`).
DROP TABLE IF EXISTS "verification_tokens";
DROP TABLE IF EXISTS "sessions";
DROP TABLE IF EXISTS "accounts";
DROP TABLE IF EXISTS "users";
DROP TABLE IF EXISTS "workspaces";
