import { Prisma } from "../generated/prisma/client";
import { rejectedItem, type ItemOutcome } from "../api/batch-items";
import { isoOrNull, type SqlRead } from "../db/sql-read";
import { secondsUntil, usageLimitMessage } from "./usage-limit-message";

/** What a recorded report answers, the first time and every repeat. */
export interface RecordedUsage {
  traces: number;
  /** The UTC day the traces count on. */
  day: string;
}

/** One report to record: `at` is when the traces happened (omitted: now). */
export interface UsageItem {
  traces: number;
  idempotencyKey: string;
  at?: Date | string | null;
}

export type UsageOutcome = ItemOutcome<RecordedUsage>;

/** A usage alert raised by a report (the threshold rose to 80 or 100 in this period). */
export interface UsageAlert {
  threshold: 80 | 100;
  used: number;
  limit: number;
  periodStart: Date;
  periodEnd: Date;
  overage: boolean;
  plan: string;
}

/** What one recording did: per item (in the order given), and the alerts to send after commit. */
export interface UsageRecording {
  items: UsageOutcome[];
  alerts: UsageAlert[];
  /** Active owners and admins (read only when an alert was raised). */
  recipients: string[];
  workspaceName: string | null;
}

interface FunctionItem {
  ord: number;
  key: string;
  outcome: "recorded" | "repeat" | "busy" | "limit";
  traces?: number;
  day?: string;
  reportedAt?: string;
  used?: number;
  limit?: number;
  periodEnd?: string;
  plan?: string;
}

/**
 * THE recording (docs/decisions/011-usage-metering.md): one call of `record_usage` (migration
 * 20251129000100_usage_metering), which decides the items in order — each once per idempotency key,
 * each counted with one UPDATE that adds it and checks the hard limit — updates daily_usage, and
 * raises the usage alerts once per period with their outbox event and audit entry. `items[i]` is
 * answered with index `indexes[i]` (its place in the request). Harmless when `guard` is false or the
 * transaction is not bound to this workspace: it writes nothing and answers nothing.
 */
export function usageRecordingStatement(
  workspaceId: string,
  items: UsageItem[],
  options: { indexes?: number[]; guard?: Prisma.Sql; requestId?: string | null; now?: () => Date } = {},
): SqlRead<UsageRecording> {
  const sent = items.map((item, i) => ({
    ord: options.indexes?.[i] ?? i,
    key: item.idempotencyKey,
    traces: item.traces,
    at: item.at == null ? null : isoOrNull(item.at),
  }));
  const byOrd = new Map(sent.map((item) => [item.ord, item]));
  const guard = options.guard ?? Prisma.sql`TRUE`;
  return {
    sql: Prisma.sql`SELECT record_usage(${workspaceId}::uuid, ${JSON.stringify(sent)}::json, (${guard}), ${options.requestId ?? null}::text) AS recording`,
    map: (rows) => {
      const raw = rows[0]?.recording as
        | {
            items: FunctionItem[];
            alerts: (Omit<UsageAlert, "periodStart" | "periodEnd"> & { periodStart: string; periodEnd: string })[];
            recipients: string[];
            workspaceName: string | null;
          }
        | undefined;
      const now = options.now?.() ?? new Date();
      return {
        items: (raw?.items ?? []).map((row) => outcomeOf(row, byOrd.get(row.ord)!, now)),
        alerts: (raw?.alerts ?? []).map((alert) => ({
          ...alert,
          used: Number(alert.used),
          limit: Number(alert.limit),
          periodStart: new Date(alert.periodStart),
          periodEnd: new Date(alert.periodEnd),
        })),
        recipients: raw?.recipients ?? [],
        workspaceName: raw?.workspaceName ?? null,
      };
    },
  };
}

function outcomeOf(row: FunctionItem, sent: { traces: number; at: string | null }, now: Date): UsageOutcome {
  const index = row.ord;
  const idempotencyKey = row.key;
  switch (row.outcome) {
    case "recorded":
      return { index, idempotencyKey, status: "recorded", traces: Number(row.traces), day: String(row.day) };
    case "repeat": {
      const same = Number(row.traces) === sent.traces && (sent.at === null || sent.at === isoOrNull(row.reportedAt));
      if (!same) {
        return rejectedItem(
          index,
          idempotencyKey,
          "This idempotencyKey was already used for a different report; nothing was changed.",
        );
      }
      return { index, idempotencyKey, status: "recorded", traces: Number(row.traces), day: String(row.day) };
    }
    case "busy":
      return rejectedItem(
        index,
        idempotencyKey,
        "A report with this idempotencyKey was being recorded at the same moment; repeat the request to see its outcome.",
      );
    case "limit": {
      const periodEnd = new Date(row.periodEnd!);
      return {
        index,
        idempotencyKey,
        status: "rejected",
        error: {
          code: "usage_limit_exceeded",
          message: usageLimitMessage({
            plan: String(row.plan),
            limit: Number(row.limit),
            used: Number(row.used),
            traces: Number(row.traces),
            periodEnd,
          }),
          retryAfterSeconds: secondsUntil(periodEnd, now),
        },
      };
    }
  }
}
