-- The first statement of every workspace transaction (docs/decisions/007-one-round-trip-reads.md):
-- session → user → active membership of the workspace, read as the caller's own role; the
-- member's activity stamped (at most once per interval, only when permitted); then the switch to
-- the runtime role with the workspace bound for row-level security, both transaction-local. The
-- workspace is bound only for a member whose role is in p_roles; otherwise to nothing, so every
-- later statement of the transaction sees no rows. A function, so its plans are cached per
-- connection (no named prepared statements, which pgBouncer in transaction mode cannot pool) and
-- the reads happen before the role changes, in the order written. No SET clause (search_path is
-- fixed by qualified names instead): a SET clause would undo the role switch when the function returns.
CREATE FUNCTION "open_workspace_request"(
  p_session_token TEXT,
  p_workspace_id UUID,
  p_roles TEXT[],
  p_touch BOOLEAN,
  p_touch_after_seconds INTEGER
) RETURNS JSON
LANGUAGE plpgsql
AS $$
DECLARE
  ctx RECORD;
  signed_in BOOLEAN;
  permitted BOOLEAN := FALSE;
BEGIN
  SELECT u.id AS user_id, u.email, u.name, tm.id AS member_id, tm.role, tm.last_active_at
    INTO ctx
    FROM public.sessions s
    JOIN public.users u ON u.id = s.user_id
    LEFT JOIN public.team_members tm
      ON tm.workspace_id = p_workspace_id AND tm.user_id = u.id AND tm.status = 'active' AND tm.deleted_at IS NULL
   WHERE s.session_token = p_session_token AND s.expires > now()
   LIMIT 1;
  signed_in := FOUND;
  IF signed_in AND ctx.member_id IS NOT NULL AND ctx.role = ANY(p_roles) THEN
    permitted := TRUE;
    IF p_touch AND (ctx.last_active_at IS NULL
                    OR ctx.last_active_at < now() - make_interval(secs => p_touch_after_seconds)) THEN
      UPDATE public.team_members SET last_active_at = now() WHERE id = ctx.member_id AND deleted_at IS NULL;
    END IF;
  END IF;
  PERFORM set_config('app.workspace_id', CASE WHEN permitted THEN p_workspace_id::text ELSE '' END, true);
  PERFORM set_config('role', 'settings_app', true);
  IF NOT signed_in THEN
    RETURN NULL;
  END IF;
  RETURN json_build_object(
    'user_id', ctx.user_id, 'email', ctx.email, 'name', ctx.name,
    'member_id', ctx.member_id, 'role', ctx.role, 'last_active_at', ctx.last_active_at);
END
$$;
REVOKE ALL ON FUNCTION "open_workspace_request"(TEXT, UUID, TEXT[], BOOLEAN, INTEGER) FROM PUBLIC;
