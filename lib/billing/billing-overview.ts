import { isoOrNull, runRead, type SqlRead } from "../db/sql-read";
import type { TenantTx } from "../db/tenant-transaction";
import { Prisma } from "../generated/prisma/client";
import { PLANS, type PlanType } from "./plans";

export interface Meter {
  used: number;
  limit: number | null;
}

export interface BillingOverview {
  planType: PlanType;
  planName: string;
  planStatus: string;
  priceMonthly: number;
  currency: string;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  trialEndsAt: string | null;
  cancelAtPeriodEnd: boolean;
  /** A downgrade waiting for the period's end. */
  scheduledPlanType: PlanType | null;
  scheduledPlanChangeAt: string | null;
  billingEmail: string | null;
  /** Whether a Stripe subscription backs the plan (Manage billing, cancel and resume need one). */
  hasSubscription: boolean;
  hasCustomer: boolean;
  /** USD per 1,000 traces past the limit; null: a hard limit. */
  overagePer1k: number | null;
  /** Traces at the period's end at this period's daily rate so far. */
  forecastTraces: number;
  /** The plan's price plus the overage the forecast would cost. */
  projectedBill: number;
  /** Overage sent to Stripe's billing meter up to this hour. */
  overageReportedThrough: string | null;
  meters: { traces: Meter; teamMembers: Meter; apiKeys: Meter };
  dailyUsage: { day: string; traces: number }[];
}

/** Plan, status, period and usage meters of the workspace (null when it has no billing row), in one statement. */
export function billingOverviewRead(workspaceId: string): SqlRead<BillingOverview | null> {
  return {
    sql: Prisma.sql`
      SELECT b.plan_type, b.plan_status, b.price_monthly, b.currency, b.current_period_start, b.current_period_end,
             b.trial_ends_at, b.cancel_at_period_end, c.scheduled_plan_type, c.scheduled_plan_change_at, b.billing_email,
             b.stripe_subscription_id IS NOT NULL AS has_subscription, b.stripe_customer_id IS NOT NULL AS has_customer,
             b.overage_enabled, b.overage_price_per_1k_traces, c.overage_reported_through, b.traces_current_month, b.traces_per_month_limit,
             b.team_members_current, b.team_members_limit, b.api_keys_current, b.api_keys_limit,
             (SELECT COALESCE(json_agg(json_build_object('day', d.day, 'traces', d.traces) ORDER BY d.day), '[]'::json)
                FROM (SELECT day, traces FROM daily_usage
                       WHERE workspace_id = b.workspace_id AND day >= (b.current_period_start AT TIME ZONE 'UTC')::date
                       ORDER BY day
                       LIMIT 62) d) AS daily_usage
        FROM billing_config b LEFT JOIN billing_cycles c ON c.workspace_id = b.workspace_id
       WHERE b.workspace_id = ${workspaceId}::uuid`,
    map: (rows) => (rows[0] ? overviewOf(rows[0] as unknown as Row) : null),
  };
}

/** The billing overview inside a transaction already bound to the workspace. */
export function getBillingOverview(tx: TenantTx, workspaceId: string): Promise<BillingOverview | null> {
  return runRead(tx, billingOverviewRead(workspaceId));
}

interface Row {
  plan_type: string;
  plan_status: string;
  price_monthly: unknown;
  currency: string;
  current_period_start: Date;
  current_period_end: Date;
  trial_ends_at: Date | null;
  cancel_at_period_end: boolean;
  scheduled_plan_type: string | null;
  scheduled_plan_change_at: Date | null;
  billing_email: string | null;
  has_subscription: boolean;
  has_customer: boolean;
  overage_enabled: boolean;
  overage_price_per_1k_traces: unknown;
  overage_reported_through: Date | null;
  traces_current_month: unknown;
  traces_per_month_limit: unknown;
  team_members_current: number;
  team_members_limit: number | null;
  api_keys_current: number;
  api_keys_limit: number | null;
  daily_usage: { day: string; traces: number }[];
}

/** Traces at the period's end if the rate so far continues (never less than what is used). */
export function forecastOf(used: number, start: Date, end: Date, now: Date = new Date()): number {
  const total = end.getTime() - start.getTime();
  const elapsed = Math.min(Math.max(now.getTime() - start.getTime(), 0), total);
  if (elapsed < 3_600_000) return used;
  return Math.max(used, Math.round((used / elapsed) * total));
}

/** The plan's price plus what the traces past the limit would cost at the overage rate. */
export function projectedBillOf(
  price: number,
  traces: number,
  limit: number | null,
  overagePer1k: number | null,
): number {
  if (limit === null || overagePer1k === null || traces <= limit) return price;
  return Math.round((price + ((traces - limit) / 1000) * overagePer1k) * 100) / 100;
}

function overviewOf(row: Row): BillingOverview {
  const planType = row.plan_type as PlanType;
  const used = Number(row.traces_current_month);
  const limit = row.traces_per_month_limit === null ? null : Number(row.traces_per_month_limit);
  const overagePer1k =
    row.overage_enabled && row.overage_price_per_1k_traces != null ? Number(row.overage_price_per_1k_traces) : null;
  const forecastTraces = forecastOf(used, row.current_period_start, row.current_period_end);
  return {
    planType,
    planName: PLANS[planType]?.name ?? row.plan_type,
    planStatus: row.plan_status,
    priceMonthly: Number(row.price_monthly),
    currency: row.currency,
    currentPeriodStart: isoOrNull(row.current_period_start)!,
    currentPeriodEnd: isoOrNull(row.current_period_end)!,
    trialEndsAt: isoOrNull(row.trial_ends_at),
    cancelAtPeriodEnd: row.cancel_at_period_end,
    scheduledPlanType: (row.scheduled_plan_type as PlanType | null) ?? null,
    scheduledPlanChangeAt: isoOrNull(row.scheduled_plan_change_at),
    billingEmail: row.billing_email,
    hasSubscription: row.has_subscription,
    hasCustomer: row.has_customer,
    overagePer1k,
    forecastTraces,
    projectedBill: projectedBillOf(Number(row.price_monthly), forecastTraces, limit, overagePer1k),
    overageReportedThrough: isoOrNull(row.overage_reported_through),
    meters: {
      traces: { used, limit },
      // Kept equal to active members + pending invitations by every team change (lib/team/seat-limit.ts).
      teamMembers: { used: row.team_members_current, limit: row.team_members_limit },
      apiKeys: { used: row.api_keys_current, limit: row.api_keys_limit },
    },
    dailyUsage: row.daily_usage.map((d) => ({ day: String(d.day).slice(0, 10), traces: Number(d.traces) })),
  };
}
