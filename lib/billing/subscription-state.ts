import type Stripe from "stripe";
import { planOfPrice } from "../stripe/price-catalog";
import type { PlanType } from "./plans";
import { planStatusOf, type PlanStatus } from "./stripe-status";

/** What our billing row should say, read from Stripe's current subscription. */
export interface SubscriptionState {
  subscriptionId: string | null;
  customerId: string;
  planType: PlanType;
  planStatus: PlanStatus;
  basePriceId: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  trialEndsAt: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  /** Whether a subscription schedule is attached (our downgrades at the period's end use one). */
  hasSchedule: boolean;
}

const fromUnix = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);
const idOf = (value: string | { id: string } | null | undefined) =>
  value == null ? null : typeof value === "string" ? value : value.id;

/** The licensed (non-metered) item: the plan's monthly price. */
export function baseItemOf(subscription: Stripe.Subscription): Stripe.SubscriptionItem | null {
  return subscription.items.data.find((item) => item.price.recurring?.usage_type !== "metered") ?? null;
}

export function subscriptionStateOf(subscription: Stripe.Subscription): SubscriptionState {
  const base = baseItemOf(subscription);
  const planType = base ? planOfPrice(base.price) : null;
  if (!planType) {
    throw new Error(
      `Subscription ${subscription.id} has no price with a known lookup key; run \`npm run stripe:setup\` and sell only its prices.`,
    );
  }
  const canceled = subscription.status === "canceled";
  return {
    subscriptionId: canceled ? null : subscription.id,
    customerId: idOf(subscription.customer)!,
    // A canceled subscription returns the workspace to the free plan's limits.
    planType: canceled ? "free" : planType,
    planStatus: planStatusOf(subscription.status),
    basePriceId: canceled ? null : (base?.price.id ?? null),
    periodStart: canceled ? null : fromUnix(base?.current_period_start),
    periodEnd: canceled ? null : fromUnix(base?.current_period_end),
    trialEndsAt: canceled ? null : fromUnix(subscription.trial_end),
    cancelAtPeriodEnd: !canceled && (subscription.cancel_at_period_end || subscription.cancel_at != null),
    canceledAt: fromUnix(subscription.canceled_at),
    hasSchedule: !canceled && subscription.schedule != null,
  };
}
