import type { Db } from "../db/prisma";

/**
 * The job every five minutes: keys past their expiry are retired (revoked at their expiry, audited as
 * `api_key.expired`) and billing_config.api_keys_current drops with them, so the meter and the plan
 * limit count live keys only. Crosses workspaces: system client. Returns how many it retired.
 */
export async function retireExpiredApiKeys(db: Db, now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    // The billing rows first, as creating and revoking a key lock them: the same order, no deadlock.
    await tx.$queryRaw`
      SELECT 1 FROM billing_config
       WHERE workspace_id IN (SELECT workspace_id FROM api_keys
                               WHERE revoked_at IS NULL AND expires_at <= ${now})
       ORDER BY workspace_id FOR UPDATE`;
    const [row] = await tx.$queryRaw<{ retired: bigint }[]>`
      WITH retired AS (
        UPDATE api_keys SET revoked_at = expires_at
         WHERE revoked_at IS NULL AND expires_at <= ${now}
        RETURNING id, workspace_id, name, prefix, scopes
      ), audited AS (
        INSERT INTO audit_log (workspace_id, action, target_type, target_id, before)
        SELECT workspace_id, 'api_key.expired', 'api_key', id::text,
               jsonb_build_object('name', name, 'prefix', prefix, 'scopes', scopes)
          FROM retired
        RETURNING 1
      ), per_workspace AS (
        SELECT workspace_id, count(*) AS keys FROM retired GROUP BY workspace_id
      ), synced AS (
        UPDATE billing_config b SET api_keys_current = GREATEST(0, b.api_keys_current - per_workspace.keys)
          FROM per_workspace WHERE b.workspace_id = per_workspace.workspace_id
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM retired) AS retired, (SELECT count(*) FROM audited) + (SELECT count(*) FROM synced) AS writes`;
    return Number(row?.retired ?? 0);
  });
}
