-- Rollback of 20251028000000_users_policy_index (run by `npm run db:rollback`).
DROP INDEX IF EXISTS "idx_team_members_user_workspace";
CREATE INDEX "idx_team_members_user_id" ON "team_members"("user_id") WHERE "deleted_at" IS NULL;
DROP INDEX IF EXISTS "idx_team_members_workspace_role";
CREATE INDEX "idx_team_members_workspace_role" ON "team_members"("workspace_id", "role") WHERE "deleted_at" IS NULL;
