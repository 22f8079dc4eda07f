import type pg from "pg";
import { Prisma } from "../generated/prisma/client";
import type { ParsedBatch } from "../api/batch-items";
import { AppError } from "../errors";
import { pipelinedTransaction } from "../db/pipelined-transaction";
import { systemDb, type Db } from "../db/prisma";
import { readPool } from "../db/read-pool";
import type { SqlRead } from "../db/sql-read";
import { sendUsageAlerts } from "./send-usage-alerts";
import type { UsageReport } from "./usage-schemas";
import { usageRecordingStatement, type UsageItem, type UsageOutcome, type UsageRecording } from "./usage-recording";

export type { RecordedUsage, UsageItem, UsageOutcome } from "./usage-recording";

export interface RecordUsageOptions {
  /** Where to run (default: the app's read pool, pipelined: one round trip). */
  pool?: pg.Pool;
  /** Where the after-commit step stamps the alert emails (default: the system client). */
  db?: Db;
  requestId?: string | null;
}

/**
 * THE usage service (docs/decisions/011-usage-metering.md): records one report of `traces` once per
 * `idempotencyKey` (a repeat answers as the first time), counted in the billing period containing
 * `at` (null: now; a repeat given no `at` matches on the traces alone) — refused with `usage_limit_exceeded` (and nothing stored) when a plan without overage would go
 * past its limit — and sends the usage alerts it raised after commit.
 */
export async function recordUsage(
  workspaceId: string,
  traces: number,
  idempotencyKey: string,
  at: Date | null = null,
  options: RecordUsageOptions = {},
): Promise<UsageOutcome> {
  const [outcome] = await recordUsageBatch(workspaceId, [{ traces, idempotencyKey, at }], options);
  return outcome!;
}

/**
 * The batch form: the items are decided in order (an item refused by the limit does not stop the
 * next, smaller one), in one transaction and one round trip, and answered per item in their order.
 */
export async function recordUsageBatch(
  workspaceId: string,
  items: UsageItem[],
  options: RecordUsageOptions = {},
): Promise<UsageOutcome[]> {
  for (const item of items) {
    if (!Number.isSafeInteger(item.traces) || item.traces < 1 || !item.idempotencyKey) {
      throw new AppError("invalid_input", "Each report needs whole traces (at least 1) and an idempotencyKey.");
    }
  }
  if (items.length === 0) return [];
  const read = usageRecordingStatement(workspaceId, items, { requestId: options.requestId });
  // Trusted server code on the system connection: only the workspace is bound (record_usage writes
  // nothing for any other); requests come through the chokepoint instead (usageIngestStatement).
  const [, answer] = await pipelinedTransaction(options.pool ?? readPool(), [
    { text: "SELECT set_config('app.workspace_id', $1, true)", values: [workspaceId] },
    { text: read.sql.text, values: read.sql.values },
  ]);
  const recording = read.map(answer!.rows);
  await afterUsageRecorded(workspaceId, recording, options.db);
  return recording.items;
}

/** After commit: the alert emails (never thrown: the usage is recorded whatever the mail server does). */
export async function afterUsageRecorded(workspaceId: string, recording: UsageRecording, db?: Db): Promise<void> {
  if (recording.alerts.length === 0) return;
  await sendUsageAlerts(db ?? systemDb(), workspaceId, recording);
}

/**
 * The same recording for POST /api/workspaces/{id}/usage, sent behind the chokepoint's opening
 * statement (docs/decisions/009-idempotency-etags-and-ingestion.md): the valid items of the request,
 * answered with their place in it; `guard` stops the write (an Idempotency-Key already used).
 */
export function usageIngestStatement(
  workspaceId: string,
  batch: ParsedBatch<UsageReport>,
  guard: Prisma.Sql,
  requestId: string | null,
): SqlRead<{ items: UsageOutcome[]; afterCommit: () => Promise<void> }> {
  const read = usageRecordingStatement(
    workspaceId,
    batch.valid.map(({ item }) => ({ traces: item.traces, idempotencyKey: item.idempotencyKey, at: item.timestamp })),
    { indexes: batch.valid.map(({ index }) => index), guard, requestId },
  );
  return {
    sql: read.sql,
    map: (rows) => {
      const recording = read.map(rows);
      return { items: recording.items, afterCommit: () => afterUsageRecorded(workspaceId, recording) };
    },
  };
}

/** Two reports of one batch are the same when they say the same thing. */
export const sameUsageReport = (a: UsageReport, b: UsageReport) => a.traces === b.traces && a.timestamp === b.timestamp;
