-- Rollback of 20251127000000_open_workspace_request (run by `npm run db:rollback`).
DROP FUNCTION IF EXISTS "open_workspace_request"(TEXT, UUID, TEXT[], BOOLEAN, INTEGER);
