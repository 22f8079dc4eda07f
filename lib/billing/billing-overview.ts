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
  meters: { traces: Meter; teamMembers: Meter; apiKeys: Meter };
  dailyUsage: { day: string; traces: number }[];
}

/** Plan, status, period and usage meters of the workspace (null when it has no billing row), in one statement. */
export function billingOverviewRead(workspaceId: string): SqlRead<BillingOverview | null> {
  return {
    sql: Prisma.sql`
      SELECT b.plan_type, b.plan_status, b.price_monthly, b.currency, b.current_period_start, b.current_period_end,
             b.trial_ends_at, b.cancel_at_period_end, b.traces_current_month, b.traces_per_month_limit,
             b.team_members_current, b.team_members_limit, b.api_keys_current, b.api_keys_limit,
             (SELECT COALESCE(json_agg(json_build_object('day', d.day, 'traces', d.traces) ORDER BY d.day), '[]'::json)
                FROM (SELECT day, traces FROM daily_usage
                       WHERE workspace_id = b.workspace_id AND day >= (b.current_period_start AT TIME ZONE 'UTC')::date
                       ORDER BY day
                       LIMIT 62) d) AS daily_usage
        FROM billing_config b
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
  traces_current_month: unknown;
  traces_per_month_limit: unknown;
  team_members_current: number;
  team_members_limit: number | null;
  api_keys_current: number;
  api_keys_limit: number | null;
  daily_usage: { day: string; traces: number }[];
}

function overviewOf(row: Row): BillingOverview {
  const planType = row.plan_type as PlanType;
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
    meters: {
      traces: {
        used: Number(row.traces_current_month),
        limit: row.traces_per_month_limit === null ? null : Number(row.traces_per_month_limit),
      },
      // Kept equal to active members + pending invitations by every team change (lib/team/seat-limit.ts).
      teamMembers: { used: row.team_members_current, limit: row.team_members_limit },
      apiKeys: { used: row.api_keys_current, limit: row.api_keys_limit },
    },
    dailyUsage: row.daily_usage.map((d) => ({ day: String(d.day).slice(0, 10), traces: Number(d.traces) })),
  };
}
