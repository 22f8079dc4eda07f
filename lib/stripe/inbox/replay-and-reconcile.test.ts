// Repairs for what the webhook missed: `npm run stripe:replay` (events since a time, through the same
// inbox) and the nightly reconciliation (Stripe's current subscription over the stored state).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { reconcileSubscriptions } from "../../billing/reconcile-subscriptions";
import { pricesOfPlan } from "../price-catalog";
import { setupStripeCatalog } from "../setup-catalog";
import { createStripeClient, getStripe } from "../stripe-client";
import { createRoleWorkspace } from "../../testing/fixtures";
import { fakeStripeControls, startFakeStripe, type FakeStripe } from "../../testing/fake-stripe";
import { stripeControls, subscribeInStripe } from "../../testing/stripe-fixtures";
import { testPrisma } from "../../testing/test-db";
import { replayStripeEvents } from "./replay-stripe-events";

const db = testPrisma();

describe("npm run stripe:replay", () => {
  // A Stripe account of its own: replay lists every event since a time, and other tests' events
  // must not be in it.
  let fake: FakeStripe;
  let stripe: Stripe;
  beforeAll(async () => {
    fake = await startFakeStripe();
    stripe = createStripeClient(fake.secretKey, new URL(fake.url));
    await setupStripeCatalog(stripe);
  });
  afterAll(() => fake.stop());

  it("applies the events the inbox missed, once; a second replay applies nothing again", async () => {
    const since = new Date(Date.now() - 1000);
    const ws = await createRoleWorkspace(db, "replay");
    const customer = await stripe.customers.create({ metadata: { workspace_id: ws.workspaceId } });
    await db.billingConfig.update({ where: { workspaceId: ws.workspaceId }, data: { stripeCustomerId: customer.id } });
    const prices = (await stripe.prices.list({ lookup_keys: ["starter_monthly", "starter_overage"] })).data;
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      client_reference_id: ws.workspaceId,
      line_items: prices.map((price) => ({
        price: price.id,
        ...(price.recurring?.usage_type === "metered" ? {} : { quantity: 1 }),
      })),
      success_url: "http://localhost/done",
    });
    // Stripe recorded the events; the webhook never delivered them (an outage).
    const { events } = await fakeStripeControls(fake.url).completeCheckout(session.id);
    expect(events.length).toBeGreaterThanOrEqual(2);

    const first = await replayStripeEvents(db, stripe, since, false);
    expect(first.listed).toBe(events.length);
    expect(first.outcomes.applied).toBe(events.length);
    expect((await db.billingConfig.findUniqueOrThrow({ where: { workspaceId: ws.workspaceId } })).planType).toBe(
      "starter",
    );
    expect(await db.stripeEvent.count({ where: { id: { in: events.map((e) => e.id) }, outcome: "applied" } })).toBe(
      events.length,
    );

    const again = await replayStripeEvents(db, stripe, since, false);
    expect(again.outcomes).toMatchObject({ applied: 0, duplicate: events.length });
    expect(await db.auditLog.count({ where: { workspaceId: ws.workspaceId, action: "billing.plan_changed" } })).toBe(1);
  });

  it("skips events of the other mode", async () => {
    const summary = await replayStripeEvents(db, stripe, new Date(Date.now() - 60_000), true);
    expect(summary.outcomes.applied).toBe(0);
    expect(summary.outcomes.wrong_mode).toBe(summary.listed);
  });
});

describe("the nightly reconciliation", () => {
  it("repairs drift from Stripe's current subscription, audited; a second run finds nothing", async () => {
    const ws = await createRoleWorkspace(db, "reconcile");
    const { subscription } = await subscribeInStripe(db, ws.workspaceId, "starter");
    // The workspace believes Starter (the webhook applied it), then a Dashboard change is never delivered.
    await db.billingConfig.update({
      where: { workspaceId: ws.workspaceId },
      data: { planType: "starter", stripeSubscriptionId: subscription.id },
    });
    await stripeControls().changeSubscription(subscription.id, { price_lookup_key: "professional_monthly" });
    expect((await pricesOfPlan("professional")).monthly.lookup_key).toBe("professional_monthly");

    const first = await reconcileSubscriptions(db, getStripe(), [ws.workspaceId]);
    expect(first).toEqual({ checked: 1, repaired: 1, failed: 0 });
    expect(await db.billingConfig.findUniqueOrThrow({ where: { workspaceId: ws.workspaceId } })).toMatchObject({
      planType: "professional",
      teamMembersLimit: 25,
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { workspaceId: ws.workspaceId, action: "billing.plan_changed" },
    });
    expect(audit.after).toMatchObject({ plan: "professional", source: "reconciliation" });

    expect(await reconcileSubscriptions(db, getStripe(), [ws.workspaceId])).toEqual({
      checked: 1,
      repaired: 0,
      failed: 0,
    });
  });
});
