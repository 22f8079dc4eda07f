import type { SqlExecutor } from "./sql-executor";

/**
 * The integration's `rate_limit_per_minute`, shared by every worker: a one-minute window per
 * integration in integration_runtime. Asks for `wanted` sends and answers how many this minute
 * still allows and when the next window opens; the rest wait for it (never dropped).
 */
export async function takeSends(
  db: SqlExecutor,
  wants: { integrationId: string; workspaceId: string; wanted: number; limit: number }[],
): Promise<Map<string, { granted: number; nextWindow: Date }>> {
  const granted = new Map<string, { granted: number; nextWindow: Date }>();
  if (wants.length === 0) return granted;
  const { rows } = await db.executeSql(
    `WITH wants AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS w(integration_id uuid, workspace_id uuid, wanted int, lim int)),
     ensured AS (
       INSERT INTO integration_runtime (integration_id, workspace_id)
       SELECT integration_id, workspace_id FROM wants
       ON CONFLICT (integration_id) DO NOTHING),
     locked AS (
       SELECT r.integration_id, r.rate_window_start, r.rate_window_count
         FROM integration_runtime r JOIN wants w USING (integration_id)
        ORDER BY r.integration_id
          FOR UPDATE OF r),
     decided AS (
       SELECT w.integration_id,
              date_trunc('minute', now()) AS window_start,
              CASE WHEN l.rate_window_start IS DISTINCT FROM date_trunc('minute', now()) THEN 0
                   ELSE COALESCE(l.rate_window_count, 0) END AS used,
              w.wanted, w.lim
         FROM wants w LEFT JOIN locked l USING (integration_id))
     UPDATE integration_runtime r
        SET rate_window_start = d.window_start,
            rate_window_count = d.used + LEAST(d.wanted, GREATEST(d.lim - d.used, 0))
       FROM decided d
      WHERE r.integration_id = d.integration_id
     RETURNING r.integration_id, LEAST(d.wanted, GREATEST(d.lim - d.used, 0)) AS granted,
               d.window_start + interval '1 minute' AS next_window`,
    [
      JSON.stringify(
        wants.map((w) => ({
          integration_id: w.integrationId,
          workspace_id: w.workspaceId,
          wanted: w.wanted,
          lim: w.limit,
        })),
      ),
    ],
  );
  for (const row of rows as { integration_id: string; granted: number; next_window: Date }[]) {
    granted.set(row.integration_id, { granted: row.granted, nextWindow: row.next_window });
  }
  // A row created by this very statement is not visible to its UPDATE: grant from a fresh window.
  for (const want of wants) {
    if (!granted.has(want.integrationId)) {
      const retry = await takeSends(db, [want]);
      granted.set(
        want.integrationId,
        retry.get(want.integrationId) ?? { granted: 0, nextWindow: new Date(Date.now() + 60_000) },
      );
    }
  }
  return granted;
}
