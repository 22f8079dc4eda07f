-- Rollback of 20251027000000_team_invitations (run by `npm run db:rollback`).
DROP FUNCTION IF EXISTS "ensure_user_for_invitation"(TEXT);
DROP TABLE IF EXISTS "rate_limits";
DROP TABLE IF EXISTS "event_outbox";
