import { applyBillingPeriod, periodContaining } from "../billing/billing-period";
import { ensureBillingCycle } from "../billing/billing-cycle";
import type { Db } from "../db/prisma";

/**
 * The `reset-usage-periods` job: every workspace whose period ended and that Stripe does not bill
 * (no subscription; Stripe's webhooks move the others) moves to the period of its anchor that
 * contains `now`, its count starting again. Safe to run twice and concurrently: a period is applied
 * only when it starts later than the stored one. Crosses workspaces: system client.
 * `only` limits it to some workspaces (tests run it beside other tests' workspaces).
 */
export async function resetUsagePeriods(db: Db, now = new Date(), only?: string[]): Promise<number> {
  const due = await db.billingConfig.findMany({
    where: {
      currentPeriodEnd: { lte: now },
      stripeSubscriptionId: null,
      ...(only ? { workspaceId: { in: only } } : {}),
    },
    select: { workspaceId: true },
  });
  let moved = 0;
  for (const { workspaceId } of due) {
    await ensureBillingCycle(db, workspaceId);
    const { anchor } = await db.billingCycle.findUniqueOrThrow({ where: { workspaceId }, select: { anchor: true } });
    const { start, end } = periodContaining(anchor, now);
    if (await applyBillingPeriod(db, workspaceId, start, end, { onlyWithoutSubscription: true })) moved += 1;
  }
  return moved;
}
