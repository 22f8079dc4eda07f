import { observedRoute } from "@/lib/metrics/observed-route";
import { stripeWebhookRoute } from "@/lib/stripe/inbox/stripe-webhook-route";

export const dynamic = "force-dynamic";

/** POST /api/webhooks/stripe: Stripe's events (docs/decisions/010-stripe-webhook-inbox.md). */
export const POST = observedRoute(stripeWebhookRoute);
