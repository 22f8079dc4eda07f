import type Stripe from "stripe";
import type { PrismaClient } from "../generated/prisma/client";
import { logger } from "../logger";
import { applySubscriptionState } from "./apply-subscription-state";
import { subscriptionStateOf } from "./subscription-state";

/**
 * The nightly repair: every subscribed workspace's subscription is retrieved from Stripe and its
 * current state applied; what differed is logged and audited (as `billing.plan_changed` or
 * `billing.subscription_updated`, source `reconciliation`). One workspace failing does not stop the rest.
 */
export async function reconcileSubscriptions(
  db: PrismaClient,
  stripe: Stripe,
  /** Limits it to some workspaces (tests run beside other tests' workspaces). */
  only?: string[],
): Promise<{ checked: number; repaired: number; failed: number }> {
  const rows = await db.$queryRaw<{ workspace_id: string; stripe_subscription_id: string }[]>`
    SELECT workspace_id, stripe_subscription_id FROM billing_config
     WHERE stripe_subscription_id IS NOT NULL AND (${only ?? null}::uuid[] IS NULL OR workspace_id = ANY(${only ?? null}::uuid[]))
     ORDER BY workspace_id`;
  let repaired = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      const subscription = await stripe.subscriptions.retrieve(row.stripe_subscription_id);
      const change = await db.$transaction((tx) =>
        applySubscriptionState(tx, row.workspace_id, subscriptionStateOf(subscription), { reason: "reconciliation" }),
      );
      if (change) {
        repaired++;
        logger.warn({ job: "reconcile-subscriptions", ...change }, "billing drift repaired from Stripe");
      }
    } catch (error) {
      failed++;
      logger.error(
        { job: "reconcile-subscriptions", workspaceId: row.workspace_id, error: (error as Error).message },
        "could not reconcile subscription",
      );
    }
  }
  return { checked: rows.length, repaired, failed };
}
