import Stripe from "stripe";
import { env } from "../../lib/env";

/** What Stripe posts to the webhook: the event as JSON, signed with the endpoint's secret (Stripe's own SDK). */
export function signedStripeEvent(event: Stripe.Event) {
  const payload = JSON.stringify(event);
  return {
    data: payload,
    headers: {
      "content-type": "application/json",
      "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: env.STRIPE_WEBHOOK_SECRET! }),
    },
  };
}
