import Stripe from "stripe";
import { markOverageReportedThrough } from "./billing-cycle";
import type { Db } from "../db/prisma";
import { logger } from "../logger";
import { TRACES_METER } from "./plans";

/** Hours further back than this are not reported on (the job runs hourly; this is its catch-up window). */
export const OVERAGE_CATCH_UP_HOURS = 48;

const HOUR_MS = 3_600_000;

/** One hour's overage, as written before it is sent. */
export interface OverageReport {
  workspaceId: string;
  hour: Date;
  traces: bigint;
  identifier: string;
  stripeCustomerId: string;
}

/** Sends one report to Stripe's meter; resolves when Stripe has it (a duplicate identifier included). */
export type SendOverage = (report: OverageReport) => Promise<void>;

export interface OverageRun {
  /** Hours written this run (their amount fixed). */
  written: number;
  /** Reports Stripe acknowledged this run (new ones and resent ones). */
  sent: number;
  /** Reports left unsent for the next run. */
  failed: number;
  /** Unsent reports older than the catch-up window: no longer sent (logged as a warning). */
  stale: number;
}

/** `<workspace_id>:<hour ISO>`: the same hour always carries the same identifier, so Stripe counts it once. */
export function overageIdentifier(workspaceId: string, hour: Date): string {
  return `${workspaceId}:${hour.toISOString()}`;
}

/** Stripe refuses an identifier it already has (docs/decisions/012-stripe-prices-overage-and-test-server.md). */
function isDuplicateIdentifier(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError &&
    (error.code === "resource_already_exists" || /already exists/i.test(error.message)) &&
    (error.param === undefined || error.param === "identifier")
  );
}

/** The sender for the real meter: identifier and Idempotency-Key both derived from the hour. */
export function stripeOverageSender(stripe: Stripe): SendOverage {
  return async (report) => {
    try {
      await stripe.billing.meterEvents.create(
        {
          event_name: TRACES_METER.eventName,
          payload: { stripe_customer_id: report.stripeCustomerId, [TRACES_METER.valueKey]: String(report.traces) },
          identifier: report.identifier,
          timestamp: Math.floor(report.hour.getTime() / 1000),
        },
        { idempotencyKey: `overage:${report.identifier}` },
      );
    } catch (error) {
      if (isDuplicateIdentifier(error)) return;
      throw error;
    }
  };
}

/**
 * Writes the last closed hour's overage for one workspace, under its billing row's lock: the traces
 * over the limit this period that earlier rows of the period do not hold yet. Nothing when the hour
 * is already written, began before the period, or there is nothing new.
 */
async function writeDueHour(db: Db, workspaceId: string, hour: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [billing] = await tx.$queryRaw<
      { current: bigint; limit: bigint | null; periodStart: Date; reportedThrough: Date | null }[]
    >`
      SELECT traces_current_month AS current, traces_per_month_limit AS "limit",
             current_period_start AS "periodStart",
             (SELECT overage_reported_through FROM billing_cycles c WHERE c.workspace_id = b.workspace_id) AS "reportedThrough"
        FROM billing_config b WHERE workspace_id = ${workspaceId}::uuid FOR UPDATE`;
    if (!billing || billing.limit === null || hour < billing.periodStart) return false;
    if (billing.reportedThrough && billing.reportedThrough >= hour) return false;
    const [held] = await tx.$queryRaw<{ traces: bigint; written: boolean }[]>`
      SELECT COALESCE(SUM(traces), 0)::bigint AS traces, bool_or(hour = ${hour}) IS TRUE AS written
        FROM overage_reports WHERE workspace_id = ${workspaceId}::uuid AND hour >= ${billing.periodStart}`;
    if (held?.written) return false;
    const over = billing.current > billing.limit ? billing.current - billing.limit : 0n;
    const amount = over - (held?.traces ?? 0n);
    if (amount <= 0n) return false;
    const inserted = await tx.$executeRaw`
      INSERT INTO overage_reports (workspace_id, hour, traces, identifier)
      VALUES (${workspaceId}::uuid, ${hour}, ${amount}, ${overageIdentifier(workspaceId, hour)})
      ON CONFLICT (workspace_id, hour) DO NOTHING`;
    return inserted > 0;
  });
}

/**
 * The hourly overage job (docs/decisions/012-stripe-prices-overage-and-test-server.md). For each
 * workspace with overage on, a Stripe customer and traces over its limit, the last closed hour's
 * amount is written first (fixed then), then every unsent row is sent with its identifier and the
 * hour as timestamp, marked sent, and `overage_reported_through` moves on. A crash between writing and
 * sending leaves the row unsent: the next run sends the same identifier and value. Crosses
 * workspaces: system client.
 */
export async function reportOverage(db: Db, options: { send: SendOverage; now?: Date }): Promise<OverageRun> {
  const now = options.now ?? new Date();
  const lastClosedHour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS);
  const outcome: OverageRun = { written: 0, sent: 0, failed: 0, stale: 0 };

  const over = await db.$queryRaw<{ workspaceId: string }[]>`
    SELECT workspace_id AS "workspaceId" FROM billing_config
     WHERE overage_enabled AND stripe_customer_id IS NOT NULL AND traces_per_month_limit IS NOT NULL
       AND traces_current_month > traces_per_month_limit`;
  for (const { workspaceId } of over) {
    if (await writeDueHour(db, workspaceId, lastClosedHour)) outcome.written++;
  }

  const oldest = new Date(lastClosedHour.getTime() - (OVERAGE_CATCH_UP_HOURS - 1) * HOUR_MS);
  const unsent = await db.$queryRaw<OverageReport[]>`
    SELECT r.workspace_id::text AS "workspaceId", r.hour, r.traces, r.identifier, b.stripe_customer_id AS "stripeCustomerId"
      FROM overage_reports r JOIN billing_config b ON b.workspace_id = r.workspace_id
     WHERE r.sent_at IS NULL AND r.hour >= ${oldest} AND b.stripe_customer_id IS NOT NULL
     ORDER BY r.hour, r.workspace_id`;
  for (const report of unsent) {
    try {
      await options.send(report);
    } catch (error) {
      outcome.failed++;
      // The message only: Stripe's errors carry the request (and its headers) otherwise.
      logger.warn(
        {
          workspaceId: report.workspaceId,
          identifier: report.identifier,
          error: { message: (error as Error).message },
        },
        "overage not sent to Stripe; the next run retries it",
      );
      continue;
    }
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE overage_reports SET sent_at = ${new Date()}
                            WHERE workspace_id = ${report.workspaceId}::uuid AND hour = ${report.hour} AND sent_at IS NULL`;
      await markOverageReportedThrough(tx, report.workspaceId, report.hour);
    });
    outcome.sent++;
  }

  const [stale] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM overage_reports WHERE sent_at IS NULL AND hour < ${oldest}`;
  outcome.stale = Number(stale?.count ?? 0);
  if (outcome.stale > 0) {
    logger.warn({ stale: outcome.stale }, `overage reports older than ${OVERAGE_CATCH_UP_HOURS} hours were never sent`);
  }
  return outcome;
}
