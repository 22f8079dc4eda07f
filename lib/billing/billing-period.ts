import type { TenantTx } from "../db/tenant-transaction";
import type { Db } from "../db/prisma";

export interface BillingPeriod {
  start: Date;
  end: Date;
}

/**
 * The anchor moved by `months` whole months in UTC, the day clamped to that month's last day and the
 * time of day kept: Jan 31 + 1 → Feb 28 (29 in a leap year), + 2 → Mar 31. Always from the anchor,
 * never from an earlier (clamped) result (docs/decisions/011-usage-metering.md).
 */
export function addAnchoredMonths(anchor: Date, months: number): Date {
  const monthIndex = anchor.getUTCFullYear() * 12 + anchor.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(anchor.getUTCDate(), lastDay),
      anchor.getUTCHours(),
      anchor.getUTCMinutes(),
      anchor.getUTCSeconds(),
      anchor.getUTCMilliseconds(),
    ),
  );
}

/** The billing period (period k = anchor + k months .. anchor + k + 1 months, clamped) that contains `at`. */
export function periodContaining(anchor: Date, at: Date): BillingPeriod {
  let k = (at.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (at.getUTCMonth() - anchor.getUTCMonth());
  // The month difference is off by at most one either way (day and time of day within the month).
  while (addAnchoredMonths(anchor, k).getTime() > at.getTime()) k -= 1;
  while (addAnchoredMonths(anchor, k + 1).getTime() <= at.getTime()) k += 1;
  return { start: addAnchoredMonths(anchor, k), end: addAnchoredMonths(anchor, k + 1) };
}

/**
 * Moves the workspace to the period [start, end) and starts its count again (traces to 0, the usage
 * alerts unsent) — only when `start` is later than the stored period's start, so applying the same
 * period twice (the job twice, or the job and a Stripe webhook) resets once. Answers whether it moved.
 * One statement: safe under concurrency (the row lock orders the two, the second sees the new start).
 * `onlyWithoutSubscription`: the job's guard — a workspace Stripe bills follows Stripe's periods.
 */
export async function applyBillingPeriod(
  db: Db | TenantTx,
  workspaceId: string,
  start: Date,
  end: Date,
  options: { onlyWithoutSubscription?: boolean } = {},
): Promise<boolean> {
  const unsubscribed = options.onlyWithoutSubscription ?? false;
  const moved = await db.$executeRaw`
    UPDATE billing_config
       SET current_period_start = ${start}, current_period_end = ${end}, traces_current_month = 0,
           last_usage_alert_threshold = NULL, last_usage_alert_sent_at = NULL
     WHERE workspace_id = ${workspaceId}::uuid AND current_period_start < ${start}
       AND (NOT ${unsubscribed} OR stripe_subscription_id IS NULL)`;
  return moved > 0;
}
