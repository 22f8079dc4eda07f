-- Rollback of 20251025000200_daily_usage (run by `npm run db:rollback`).
DROP TABLE IF EXISTS "daily_usage";
