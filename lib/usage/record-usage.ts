import { Prisma } from "../generated/prisma/client";
import { rejectedItem, type ItemOutcome, type ParsedBatch } from "../api/batch-items";
import { isoOrNull, type SqlRead } from "../db/sql-read";
import type { UsageReport } from "./usage-schemas";

/** What a recorded report answers, the first time and every repeat. */
export interface RecordedUsage {
  traces: number;
  /** The UTC day the traces count on. */
  day: string;
}

/**
 * Records usage reports in ONE statement (docs/decisions/009-idempotency-etags-and-ingestion.md): each
 * report is inserted once per idempotency key (a repeat inserts nothing), and what was inserted is
 * added to daily_usage and — when dated within the current billing period — to
 * billing_config.traces_current_month, in the same statement, so the counters are exact under any
 * concurrency. It runs behind the chokepoint's opening statement in one round trip; when the opening
 * did not bind this workspace (a refused caller), `input` is empty and nothing is written.
 * `guard` (SQL, true or false) stops the write, e.g. when an Idempotency-Key was already used.
 */
export function recordUsageStatement(
  workspaceId: string,
  batch: ParsedBatch<UsageReport>,
  guard: Prisma.Sql = Prisma.sql`TRUE`,
): SqlRead<ItemOutcome<RecordedUsage>[]> {
  const items = batch.valid.map(({ index, item }) => ({
    ord: index,
    key: item.idempotencyKey,
    traces: item.traces,
    at: item.timestamp ?? null,
  }));
  return {
    sql: Prisma.sql`
      WITH input AS (
        SELECT i.ord, i.key, i.traces, coalesce(i.at, now()) AS reported_at, i.at AS given_at,
               (coalesce(i.at, now()) AT TIME ZONE 'UTC')::date AS day
          FROM json_to_recordset(${JSON.stringify(items)}::json) AS i(ord int, key text, traces bigint, at timestamptz)
         WHERE NULLIF(current_setting('app.workspace_id', true), '')::uuid = ${workspaceId}::uuid AND (${guard})
      ), period AS (
        SELECT current_period_start, current_period_end FROM billing_config WHERE workspace_id = ${workspaceId}::uuid
      ), inserted AS (
        INSERT INTO usage_reports (workspace_id, idempotency_key, traces, day, reported_at, counted_in_period)
        SELECT ${workspaceId}::uuid, i.key, i.traces, i.day, i.reported_at,
               coalesce((SELECT i.reported_at >= p.current_period_start AND i.reported_at < p.current_period_end
                           FROM period p), false)
          FROM input i
        ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
        RETURNING idempotency_key, traces, day, counted_in_period
      ), daily AS (
        INSERT INTO daily_usage (workspace_id, day, traces)
        SELECT ${workspaceId}::uuid, day, sum(traces) FROM inserted GROUP BY day
        ON CONFLICT (workspace_id, day) DO UPDATE SET traces = daily_usage.traces + excluded.traces
        RETURNING 1
      ), month AS (
        UPDATE billing_config b SET traces_current_month = b.traces_current_month + s.total
          FROM (SELECT sum(traces) AS total FROM inserted WHERE counted_in_period) s
         WHERE b.workspace_id = ${workspaceId}::uuid AND s.total > 0
        RETURNING 1
      )
      SELECT i.ord, i.key, i.traces AS sent_traces, i.given_at,
             n.idempotency_key IS NOT NULL AS inserted, n.traces AS new_traces, n.day AS new_day,
             e.traces AS old_traces, e.day AS old_day, e.reported_at AS old_reported_at,
             (SELECT count(*) FROM daily) + (SELECT count(*) FROM month) AS writes
        FROM input i
        LEFT JOIN inserted n ON n.idempotency_key = i.key
        LEFT JOIN usage_reports e ON e.workspace_id = ${workspaceId}::uuid AND e.idempotency_key = i.key
       ORDER BY i.ord`,
    map: (rows) =>
      rows.map((row): ItemOutcome<RecordedUsage> => {
        const index = Number(row.ord);
        const idempotencyKey = String(row.key);
        if (row.inserted) {
          return { index, idempotencyKey, status: "recorded", traces: Number(row.new_traces), day: dayOf(row.new_day) };
        }
        if (row.old_traces === null || row.old_traces === undefined) {
          // Another request recorded this key at the same moment (its row is newer than this statement).
          return rejectedItem(
            index,
            idempotencyKey,
            "A report with this idempotencyKey was being recorded at the same moment; repeat the request to see its outcome.",
          );
        }
        const sameTraces = Number(row.old_traces) === Number(row.sent_traces);
        const sameTime = row.given_at == null || isoOrNull(row.given_at) === isoOrNull(row.old_reported_at);
        if (!sameTraces || !sameTime) {
          return rejectedItem(
            index,
            idempotencyKey,
            "This idempotencyKey was already used for a different report; nothing was changed.",
          );
        }
        return { index, idempotencyKey, status: "recorded", traces: Number(row.old_traces), day: dayOf(row.old_day) };
      }),
  };
}

/** A DATE column from either driver (a Date at UTC midnight, or text) as YYYY-MM-DD. */
function dayOf(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

/** Two reports of one batch are the same when they say the same thing. */
export const sameUsageReport = (a: UsageReport, b: UsageReport) => a.traces === b.traces && a.timestamp === b.timestamp;
