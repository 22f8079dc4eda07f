// Workspaces for the webhook inbox benchmark, each with a real subscription in the fake Stripe API
// (made as Checkout makes it: a customer stored on the billing row, a session the fake completes).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type Stripe from "stripe";
import { pricesOfPlan } from "../../lib/stripe/price-catalog";
import { fakeStripeControls } from "../../lib/testing/fake-stripe";

export interface Subscriber {
  workspaceId: string;
  customerId: string;
  subscription: Stripe.Subscription;
  /** The fake's `checkout.session.completed` (not yet delivered to the webhook). */
  checkoutCompleted: Stripe.Event;
}

/** How many workspaces are subscribed at once while setting up. */
const SETUP_PARALLEL = 10;

/** `count` Free-plan workspaces, each then subscribed to Starter in the fake (the webhook has not heard of it yet). */
export async function createSubscribers(
  client: pg.Client,
  stripe: Stripe,
  fakeStripeUrl: string,
  count: number,
  label: string,
): Promise<Subscriber[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await client.query(
    `INSERT INTO workspaces (id, name, slug) SELECT id, $2 || ' ' || n, $2 || '-' || id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [ids, `webhook-${label}`],
  );
  await client.query(
    `INSERT INTO billing_config (workspace_id, current_period_start, current_period_end)
     SELECT id, now(), now() + interval '30 days' FROM unnest($1::uuid[]) AS t(id)`,
    [ids],
  );
  const controls = fakeStripeControls(fakeStripeUrl);
  const prices = await pricesOfPlan("starter", stripe);
  const subscribe = async (workspaceId: string): Promise<Subscriber> => {
    const customer = await stripe.customers.create({
      email: `billing-${workspaceId}@example.com`,
      metadata: { workspace_id: workspaceId },
    });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      client_reference_id: workspaceId,
      metadata: { workspace_id: workspaceId, plan: "starter" },
      subscription_data: { metadata: { workspace_id: workspaceId, plan: "starter" } },
      line_items: [{ price: prices.monthly.id, quantity: 1 }, { price: prices.overage.id }],
      success_url: "http://localhost/success",
    });
    const done = await controls.completeCheckout(session.id);
    const checkoutCompleted = done.events.find((event) => event.type === "checkout.session.completed");
    if (!checkoutCompleted) throw new Error("The fake Stripe recorded no checkout.session.completed");
    return { workspaceId, customerId: customer.id, subscription: done.subscription, checkoutCompleted };
  };
  const subscribers: Subscriber[] = [];
  for (let from = 0; from < ids.length; from += SETUP_PARALLEL) {
    subscribers.push(...(await Promise.all(ids.slice(from, from + SETUP_PARALLEL).map(subscribe))));
  }
  // The customer on each billing row, as "Change plan" stores it before Checkout (one statement: one client).
  await client.query(
    `UPDATE billing_config b SET stripe_customer_id = t.customer FROM unnest($1::uuid[], $2::text[]) AS t(id, customer)
      WHERE b.workspace_id = t.id`,
    [subscribers.map((s) => s.workspaceId), subscribers.map((s) => s.customerId)],
  );
  return subscribers;
}
