import Stripe from "stripe";

/** The `Stripe-Signature` header Stripe would send with this payload (for the webhook route's tests). */
export function signStripePayload(payload: string, webhookSecret: string): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
}

/** A webhook Request as Stripe posts it: the event as JSON, signed. */
export function signedWebhookRequest(url: string, event: unknown, webhookSecret: string): Request {
  const payload = JSON.stringify(event);
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signStripePayload(payload, webhookSecret) },
    body: payload,
  });
}
