import type { TenantTx } from "../db/tenant-transaction";
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

/** Plan, status, period and usage meters of the workspace; null when it has no billing row. */
export async function getBillingOverview(tx: TenantTx, workspaceId: string): Promise<BillingOverview | null> {
  const billing = await tx.billingConfig.findUnique({ where: { workspaceId } });
  if (!billing) return null;
  const usage = await tx.dailyUsage.findMany({
    where: { workspaceId, day: { gte: billing.currentPeriodStart } },
    orderBy: { day: "asc" },
    take: 62,
  });
  const planType = billing.planType as PlanType;
  return {
    planType,
    planName: PLANS[planType]?.name ?? billing.planType,
    planStatus: billing.planStatus,
    priceMonthly: Number(billing.priceMonthly),
    currency: billing.currency,
    currentPeriodStart: billing.currentPeriodStart.toISOString(),
    currentPeriodEnd: billing.currentPeriodEnd.toISOString(),
    trialEndsAt: billing.trialEndsAt?.toISOString() ?? null,
    cancelAtPeriodEnd: billing.cancelAtPeriodEnd,
    meters: {
      traces: {
        used: Number(billing.tracesCurrentMonth),
        limit: billing.tracesPerMonthLimit === null ? null : Number(billing.tracesPerMonthLimit),
      },
      // Kept equal to active members + pending invitations by every team change (lib/team/seat-limit.ts).
      teamMembers: { used: billing.teamMembersCurrent, limit: billing.teamMembersLimit },
      apiKeys: { used: billing.apiKeysCurrent, limit: billing.apiKeysLimit },
    },
    dailyUsage: usage.map((d) => ({ day: d.day.toISOString().slice(0, 10), traces: Number(d.traces) })),
  };
}
