import type Stripe from "stripe";

export type PlanStatus = "active" | "trialing" | "past_due" | "canceled" | "suspended";

/**
 * Stripe's subscription status as ours (docs/decisions/010-stripe-webhook-inbox.md):
 * unpaid and incomplete_expired suspend the workspace; incomplete (first payment not yet
 * confirmed) counts as past due; paused suspends.
 */
export function planStatusOf(status: Stripe.Subscription.Status): PlanStatus {
  switch (status) {
    case "trialing":
      return "trialing";
    case "active":
      return "active";
    case "past_due":
    case "incomplete":
      return "past_due";
    case "canceled":
      return "canceled";
    case "unpaid":
    case "incomplete_expired":
    case "paused":
      return "suspended";
    default:
      return "suspended";
  }
}
