// Stripe state for tests, made through the real SDK against the suite's fake Stripe API
// (lib/testing/stripe-global-setup.ts starts it and sets STRIPE_API_BASE / STRIPE_SECRET_KEY).
import type Stripe from "stripe";
import type { Db } from "../db/prisma";
import { env } from "../env";
import { pricesOfPlan } from "../stripe/price-catalog";
import { getStripe } from "../stripe/stripe-client";
import { fakeStripeControls } from "./fake-stripe";
import { signStripePayload } from "./fake-stripe/sign-event";
import type { PlanType } from "../billing/plans";

export const stripeControls = () => fakeStripeControls(env.STRIPE_API_BASE!);

/** A customer stored on the workspace's billing row, as "Change plan" would have made it. */
export async function giveWorkspaceCustomer(db: Db, workspaceId: string): Promise<string> {
  const customer = await getStripe().customers.create({
    email: `billing-${workspaceId}@example.com`,
    metadata: { workspace_id: workspaceId },
  });
  await db.billingConfig.update({ where: { workspaceId }, data: { stripeCustomerId: customer.id } });
  return customer.id;
}

/**
 * A subscription on `plan` for the workspace, as Checkout makes it (the fake completes the session):
 * returns it and the events Stripe recorded (checkout.session.completed, customer.subscription.created),
 * which have NOT been delivered to the webhook.
 */
export async function subscribeInStripe(
  db: Db,
  workspaceId: string,
  plan: PlanType,
  options: { trialDays?: number } = {},
): Promise<{ customerId: string; subscription: Stripe.Subscription; events: Stripe.Event[] }> {
  const customerId = await giveWorkspaceCustomer(db, workspaceId);
  const prices = await pricesOfPlan(plan);
  const session = await getStripe().checkout.sessions.create({
    mode: "subscription",
    customer: customerId,
    client_reference_id: workspaceId,
    metadata: { workspace_id: workspaceId, plan },
    subscription_data: { metadata: { workspace_id: workspaceId, plan } },
    line_items: [{ price: prices.monthly.id, quantity: 1 }, { price: prices.overage.id }],
    success_url: "http://localhost/success",
  });
  const done = await stripeControls().completeCheckout(session.id, options);
  return { customerId, subscription: done.subscription, events: done.events };
}

/** A Stripe event of our own making (its `created` chosen by the test), as Stripe would post it. */
export function stripeEvent(
  type: string,
  object: unknown,
  options: { created?: number; livemode?: boolean; id?: string } = {},
): Stripe.Event {
  return {
    id: options.id ?? `evt_test_${crypto.randomUUID().replaceAll("-", "")}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: options.created ?? Math.floor(Date.now() / 1000),
    livemode: options.livemode ?? false,
    type,
    data: { object },
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  } as unknown as Stripe.Event;
}

/** POST /api/webhooks/stripe as Stripe sends it: the raw JSON, signed now (or with the given header). */
export function webhookRequest(event: unknown, signature?: string | null): Request {
  const payload = JSON.stringify(event);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Stripe/1.0" };
  const header = signature === undefined ? signStripePayload(payload, env.STRIPE_WEBHOOK_SECRET!) : signature;
  if (header !== null) headers["stripe-signature"] = header;
  return new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers, body: payload });
}
