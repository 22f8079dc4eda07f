// Exactly once, checked in the database after a webhook burst: one processed inbox row per event id
// (one attempt, the expected outcome), and the side effects (audit log and outbox rows of the
// burst's workspaces) grown by exactly what the events should have caused, no more.
import type pg from "pg";

/** "audit:<action>" or "outbox:<event type>" per workspace → rows. */
export type EffectCounts = Map<string, number>;

/** Audit log and outbox rows of these workspaces, by workspace and kind. */
export async function effectCounts(client: pg.Client, workspaceIds: string[]): Promise<EffectCounts> {
  const { rows } = await client.query<{ workspace_id: string; kind: string; n: string }>(
    `SELECT workspace_id, 'audit:' || action AS kind, count(*) AS n FROM audit_log
      WHERE workspace_id = ANY($1::uuid[]) GROUP BY 1, 2
     UNION ALL
     SELECT workspace_id, 'outbox:' || event_type, count(*) FROM event_outbox
      WHERE workspace_id = ANY($1::uuid[]) GROUP BY 1, 2`,
    [workspaceIds],
  );
  return new Map(rows.map((row) => [`${row.workspace_id} ${row.kind}`, Number(row.n)]));
}

/** What differs between the rows grown (`after` − `before`) and `expected`, one line each. */
export function effectProblems(before: EffectCounts, after: EffectCounts, expected: EffectCounts): string[] {
  const keys = new Set([...before.keys(), ...after.keys(), ...expected.keys()]);
  const problems: string[] = [];
  for (const key of keys) {
    const grown = (after.get(key) ?? 0) - (before.get(key) ?? 0);
    const wanted = expected.get(key) ?? 0;
    if (grown !== wanted) problems.push(`${key}: ${grown} new rows, expected ${wanted}`);
  }
  return problems;
}

/** Inbox rows for the event ids: each must exist once, processed, with one attempt and the expected outcome. */
export async function inboxProblems(client: pg.Client, expected: Map<string, string>): Promise<string[]> {
  const { rows } = await client.query<{ id: string; outcome: string | null; processed: boolean; attempts: number }>(
    `SELECT id, outcome, processed_at IS NOT NULL AS processed, attempts FROM stripe_events WHERE id = ANY($1::text[])`,
    [[...expected.keys()]],
  );
  const problems: string[] = [];
  if (rows.length !== expected.size) problems.push(`${rows.length} inbox rows for ${expected.size} event ids`);
  const wrong = rows.filter((row) => !row.processed || row.attempts !== 1 || row.outcome !== expected.get(row.id));
  if (wrong.length > 0) {
    const [first] = wrong;
    problems.push(
      `${wrong.length} inbox rows not processed once with the expected outcome (e.g. ${first!.id}: ${first!.outcome}, ${first!.attempts} attempts)`,
    );
  }
  return problems;
}

/** Counts of each value (outcomes answered or stored). */
export function tally(values: (string | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value ?? "error"] = (counts[value ?? "error"] ?? 0) + 1;
  return counts;
}
