// The webhook inbox end to end: signed requests to POST /api/webhooks/stripe, the fake Stripe API
// answering the SDK (the current subscription), real PostgreSQL, email at a real SMTP sink.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "../../env";
import { appSmtpSink, type AppSmtpSink } from "../../testing/app-smtp";
import { createRoleWorkspace } from "../../testing/fixtures";
import { stripeControls, stripeEvent, subscribeInStripe, webhookRequest } from "../../testing/stripe-fixtures";
import { testPrisma } from "../../testing/test-db";
import { getStripe } from "../stripe-client";

const db = testPrisma();
type RouteModule = typeof import("../../../app/api/webhooks/stripe/route");
let sink: AppSmtpSink;
let route: RouteModule;

beforeAll(async () => {
  sink = await appSmtpSink({ APP_URL: "http://settings.test" });
  route = await import("../../../app/api/webhooks/stripe/route"); // after the stub: it sees EMAIL_SERVER
});
afterAll(() => sink.restore());

const post = async (event: unknown, signature?: string | null) => {
  const response = await route.POST(webhookRequest(event, signature));
  return {
    status: response.status,
    body: (await response.json()) as { outcome?: string; error?: { message: string } },
  };
};
const billingOf = (workspaceId: string) => db.billingConfig.findUniqueOrThrow({ where: { workspaceId } });
const inboxRows = (id: string) => db.stripeEvent.findMany({ where: { id } });
const outboxOf = (workspaceId: string, eventType: string) =>
  db.eventOutbox.findMany({ where: { workspaceId, eventType } });

describe("the signature gate", () => {
  it("refuses a missing, wrong or stale signature with 400 and stores nothing", async () => {
    const event = stripeEvent("customer.subscription.updated", {
      id: "sub_x",
      object: "subscription",
      customer: "cus_x",
    });
    const payload = JSON.stringify(event);
    const stale = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: env.STRIPE_WEBHOOK_SECRET!,
      timestamp: Math.floor(Date.now() / 1000) - 400,
    });
    const wrong = Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_someoneelse" });
    for (const signature of [null, wrong, stale, "t=1,v1=deadbeef"]) {
      const { status, body } = await post(event, signature);
      expect(status, String(signature)).toBe(400);
      expect(body.error?.message).toMatch(/Stripe-Signature|signature/);
    }
    expect(await inboxRows(event.id)).toHaveLength(0);
  });

  it("refuses a live-mode event in a test-mode deployment", async () => {
    const event = stripeEvent("invoice.paid", { id: "in_x", object: "invoice" }, { livemode: true });
    const { status, body } = await post(event);
    expect(status).toBe(400);
    expect(body.error?.message).toMatch(/test-mode events only/);
    expect(await inboxRows(event.id)).toHaveLength(0);
  });
});

describe("each event applies once", () => {
  it("checkout.session.completed puts the workspace on the plan Stripe says, with that plan's limits", async () => {
    const ws = await createRoleWorkspace(db, "inbox-checkout");
    const { events, subscription } = await subscribeInStripe(db, ws.workspaceId, "starter");
    const completed = events.find((e) => e.type === "checkout.session.completed")!;
    expect((await post(completed)).body.outcome).toBe("applied");
    const billing = await billingOf(ws.workspaceId);
    expect(billing).toMatchObject({
      planType: "starter",
      planStatus: "active",
      stripeSubscriptionId: subscription.id,
      teamMembersLimit: 10,
      apiKeysLimit: 5,
      overageEnabled: true,
    });
    expect(Number(billing.tracesPerMonthLimit)).toBe(100_000);
    expect(billing.currentPeriodEnd.getTime()).toBe(subscription.items.data[0]!.current_period_end * 1000);
    const changed = await outboxOf(ws.workspaceId, "billing.plan_changed");
    expect(changed.map((e) => e.payload)).toEqual([{ from: "free", to: "starter", status: "active" }]);
    const audit = await db.auditLog.findMany({
      where: { workspaceId: ws.workspaceId, action: "billing.plan_changed" },
    });
    expect(audit).toHaveLength(1);
  });

  it("the same event twice, and ten times at once, is applied once with one inbox row", async () => {
    const ws = await createRoleWorkspace(db, "inbox-dup");
    const { events } = await subscribeInStripe(db, ws.workspaceId, "professional");
    const created = events.find((e) => e.type === "customer.subscription.created")!;
    const first = await post(created);
    expect(first.body.outcome).toBe("applied");
    expect((await post(created)).body.outcome).toBe("duplicate");

    const ws2 = await createRoleWorkspace(db, "inbox-dup10");
    const second = await subscribeInStripe(db, ws2.workspaceId, "starter");
    const event = second.events.find((e) => e.type === "checkout.session.completed")!;
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(event)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => a.body.outcome === "applied")).toHaveLength(1);
    expect(answers.filter((a) => a.body.outcome === "duplicate")).toHaveLength(9);
    expect(await inboxRows(event.id)).toMatchObject([
      { outcome: "applied", attempts: 1, workspaceId: ws2.workspaceId },
    ]);
    expect(await outboxOf(ws2.workspaceId, "billing.plan_changed")).toHaveLength(1);
  });
});

describe("order and Stripe's current state", () => {
  it("an older subscription.updated after a newer one changes nothing", async () => {
    const ws = await createRoleWorkspace(db, "inbox-order");
    const { subscription } = await subscribeInStripe(db, ws.workspaceId, "starter");
    const now = Math.floor(Date.now() / 1000);
    const newer = stripeEvent("customer.subscription.updated", subscription, { created: now });
    const older = stripeEvent("customer.subscription.updated", subscription, { created: now - 120 });
    expect((await post(newer)).body.outcome).toBe("applied");
    // Stripe moves the subscription on; the late, older event must not be applied even so.
    await stripeControls().changeSubscription(subscription.id, { price_lookup_key: "professional_monthly" });
    expect((await post(older)).body.outcome).toBe("stale");
    expect((await billingOf(ws.workspaceId)).planType).toBe("starter");
    expect(await inboxRows(older.id)).toMatchObject([{ outcome: "stale" }]);
  });

  it("the payload is never trusted: Stripe's current subscription wins", async () => {
    const ws = await createRoleWorkspace(db, "inbox-current");
    const { subscription } = await subscribeInStripe(db, ws.workspaceId, "professional");
    // Stripe now says Starter; an event still carrying the Professional subscription arrives.
    await stripeControls().changeSubscription(subscription.id, { price_lookup_key: "starter_monthly" });
    const event = stripeEvent("customer.subscription.updated", subscription);
    expect((await post(event)).body.outcome).toBe("applied");
    expect((await billingOf(ws.workspaceId)).planType).toBe("starter");
  });
});

describe("payment failures and cancellation", () => {
  it("invoice.payment_failed: past due, an email to the owner with the attempt, billing.payment_failed", async () => {
    const ws = await createRoleWorkspace(db, "inbox-failed");
    const { subscription, customerId, events } = await subscribeInStripe(db, ws.workspaceId, "starter");
    await post(events.find((e) => e.type === "checkout.session.completed")!);
    const invoice = {
      id: `in_${Date.now()}`,
      object: "invoice",
      customer: customerId,
      attempt_count: 2,
      amount_due: 4900,
      currency: "usd",
      next_payment_attempt: Math.floor(Date.now() / 1000) + 3 * 86_400,
      hosted_invoice_url: null,
      parent: { type: "subscription_details", subscription_details: { subscription: subscription.id, metadata: {} } },
    };
    expect((await post(stripeEvent("invoice.payment_failed", invoice))).body.outcome).toBe("applied");
    expect((await billingOf(ws.workspaceId)).planStatus).toBe("past_due");
    const [published] = await outboxOf(ws.workspaceId, "billing.payment_failed");
    expect(published?.payload).toMatchObject({ attempt: 2, amountDue: 4900 });
    const email = await vi.waitFor(
      () => {
        const found = sink.messages.find((m) => m.to.includes(ws.actors.owner.email));
        expect(found).toBeDefined();
        return found!;
      },
      { timeout: 3000, interval: 50 },
    );
    expect(email.subject).toContain("attempt 2");
    expect(sink.messages.filter((m) => m.to.includes(ws.actors.admin.email))).toHaveLength(0);

    // Paid after all: invoice.paid retrieves the (active) subscription and clears past due.
    expect((await post(stripeEvent("invoice.paid", { ...invoice, id: `${invoice.id}_paid` }))).body.outcome).toBe(
      "applied",
    );
    expect((await billingOf(ws.workspaceId)).planStatus).toBe("active");
  });

  it("trial_will_end: the owners get an email with the trial's end, and billing.trial_ending is written", async () => {
    const ws = await createRoleWorkspace(db, "inbox-trial");
    const { subscription, events } = await subscribeInStripe(db, ws.workspaceId, "starter", { trialDays: 3 });
    await post(events.find((e) => e.type === "checkout.session.completed")!);
    expect((await billingOf(ws.workspaceId)).planStatus).toBe("trialing");
    expect((await post(stripeEvent("customer.subscription.trial_will_end", subscription))).body.outcome).toBe(
      "applied",
    );
    expect(await outboxOf(ws.workspaceId, "billing.trial_ending")).toHaveLength(1);
    const email = await vi.waitFor(
      () => {
        const found = sink.messages.find((m) => m.to.includes(ws.actors.owner.email) && /trial/i.test(m.subject));
        expect(found).toBeDefined();
        return found!;
      },
      { timeout: 3000, interval: 50 },
    );
    expect(email.subject).toMatch(/^The trial of Test inbox-trial.* ends on /);
    expect(sink.messages.filter((m) => m.to.includes(ws.actors.member.email))).toHaveLength(0);
  });

  it("customer.subscription.deleted: canceled, on the Free plan's limits", async () => {
    const ws = await createRoleWorkspace(db, "inbox-deleted");
    const { subscription, events } = await subscribeInStripe(db, ws.workspaceId, "professional");
    await post(events.find((e) => e.type === "checkout.session.completed")!);
    const { event } = await stripeControls().changeSubscription(subscription.id, { status: "canceled" });
    expect(event?.type).toBe("customer.subscription.deleted");
    expect((await post(event)).body.outcome).toBe("applied");
    const billing = await billingOf(ws.workspaceId);
    expect(billing).toMatchObject({
      planType: "free",
      planStatus: "canceled",
      stripeSubscriptionId: null,
      teamMembersLimit: 3,
      apiKeysLimit: 2,
      overageEnabled: false,
    });
    expect(Number(billing.tracesPerMonthLimit)).toBe(10_000);
  });
});

describe("a failure rolls back and the retry applies", () => {
  it("answers 500, applies nothing, records the attempt; the redelivery succeeds", async () => {
    const ws = await createRoleWorkspace(db, "inbox-throw");
    const { subscription, events } = await subscribeInStripe(db, ws.workspaceId, "starter");
    // A price the app cannot place: applying throws inside the transaction.
    await getStripe().prices.create({
      currency: "usd",
      unit_amount: 100,
      recurring: { interval: "month" },
      product_data: { name: "Mystery" },
      lookup_key: `mystery_${ws.workspaceId}`,
    });
    await stripeControls().changeSubscription(subscription.id, { price_lookup_key: `mystery_${ws.workspaceId}` });
    const completed = events.find((e) => e.type === "checkout.session.completed")!;
    const failed = await post(completed);
    expect(failed.status).toBe(500);
    expect(await inboxRows(completed.id)).toMatchObject([{ processedAt: null, attempts: 1 }]);
    expect((await inboxRows(completed.id))[0]?.lastError).toMatch(/lookup key/);
    expect(await billingOf(ws.workspaceId)).toMatchObject({ planType: "free", stripeSubscriptionId: null });
    expect(await outboxOf(ws.workspaceId, "billing.plan_changed")).toHaveLength(0);

    await stripeControls().changeSubscription(subscription.id, { price_lookup_key: "starter_monthly" });
    const retried = await post(completed);
    expect(retried.body.outcome).toBe("applied");
    expect(await inboxRows(completed.id)).toMatchObject([{ attempts: 2, outcome: "applied", lastError: null }]);
    expect((await billingOf(ws.workspaceId)).planType).toBe("starter");
  });

  it("an unknown event type is stored and acknowledged", async () => {
    const event = stripeEvent("charge.refund.updated", { id: "re_1", object: "refund" });
    expect((await post(event)).body.outcome).toBe("unhandled");
    expect(await inboxRows(event.id)).toMatchObject([{ outcome: "unhandled", type: "charge.refund.updated" }]);
  });
});
