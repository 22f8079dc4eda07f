-- Indexes the benchmark showed missing at 1M members (docs/benchmarks.md).
--
-- 1. The users RLS policy asks "does this user have a membership in the current
--    workspace?" for every users row a tenant query reads. The partial index on
--    user_id (live rows only) cannot answer it (the policy also counts removed
--    memberships), so every read of a member's name scanned team_members: the
--    Team page took ~2 s and a role change ~500 ms. A full (user_id, workspace_id)
--    index serves the policy and a user's membership lookups alike.
-- 2. "Removed members" reads a workspace's soft-deleted rows, which every
--    workspace index skipped (all were partial on deleted_at IS NULL). The role
--    index now covers all rows, so workspace lookups of any row use it.
-- team_members keeps seven indexes besides the primary key.
DROP INDEX IF EXISTS "idx_team_members_user_id";
CREATE INDEX "idx_team_members_user_workspace" ON "team_members"("user_id", "workspace_id");
DROP INDEX IF EXISTS "idx_team_members_workspace_role";
CREATE INDEX "idx_team_members_workspace_role" ON "team_members"("workspace_id", "role");
