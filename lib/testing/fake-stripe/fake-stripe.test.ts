// The fake answers the real SDK as Stripe would: keys, form bodies, idempotency, required params,
// Checkout through to a subscription, the event list and meter-event identifiers.
import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeClient } from "../../stripe/stripe-client";
import { fakeStripeControls, signStripePayload, startFakeStripe, type FakeStripe } from "./index";

let fake: FakeStripe;
let stripe: Stripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = createStripeClient(fake.secretKey, new URL(fake.url));
});
afterAll(async () => {
  await fake?.stop();
});

async function monthlyAndMeteredPrices() {
  const meter = await stripe.billing.meters.create({
    display_name: "Traces",
    event_name: `traces_${randomUUID().slice(0, 8)}`,
    default_aggregation: { formula: "sum" },
  });
  const monthly = await stripe.prices.create({
    currency: "usd",
    unit_amount: 4900,
    recurring: { interval: "month" },
    product_data: { name: "Starter" },
    lookup_key: `starter_${randomUUID()}`,
  });
  const overage = await stripe.prices.create({
    currency: "usd",
    unit_amount_decimal: Stripe.Decimal.from("0.05"),
    recurring: { interval: "month", usage_type: "metered", meter: meter.id },
    product: monthly.product as string,
    lookup_key: `overage_${randomUUID()}`,
  });
  return { meter, monthly, overage };
}

describe("the fake Stripe API", () => {
  it("refuses a wrong or missing key with Stripe's 401", async () => {
    const wrong = createStripeClient("sk_test_wrongwrongwrong", new URL(fake.url));
    const error = await wrong.customers.create({ email: "a@test.example" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(401);

    const missing = await fetch(`${fake.url}/v1/customers`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: { type: "invalid_request_error", message: expect.stringContaining("did not provide an API key") },
    });
  });

  it("refuses a JSON body", async () => {
    const response = await fetch(`${fake.url}/v1/customers`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ email: "json@test.example" }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { type: string } };
    expect(body.error.type).toBe("invalid_request_error");
  });

  it("parses bracket notation (nested hashes, arrays, expand[])", async () => {
    const customer = await stripe.customers.create({ email: "m@test.example", metadata: { workspace_id: "ws-1" } });
    expect(customer.metadata).toEqual({ workspace_id: "ws-1" });
    const updated = await stripe.customers.update(customer.id, { name: "Mia", metadata: { workspace_id: "" } });
    expect(updated).toMatchObject({ name: "Mia", email: "m@test.example", metadata: {} });
    const { monthly } = await monthlyAndMeteredPrices();
    const listed = await stripe.prices.list({
      lookup_keys: [monthly.lookup_key!],
      active: true,
      expand: ["data.product"],
    });
    expect(listed.data).toHaveLength(1);
    expect((listed.data[0]!.product as Stripe.Product).name).toBe("Starter");
  });

  it("replays a repeated Idempotency-Key and refuses it with other parameters", async () => {
    const key = randomUUID();
    const first = await stripe.customers.create({ email: "idem@test.example" }, { idempotencyKey: key });
    const again = await stripe.customers.create({ email: "idem@test.example" }, { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    const conflict = await stripe.customers
      .create({ email: "other@test.example" }, { idempotencyKey: key })
      .catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect((conflict as Stripe.errors.StripeError).statusCode).toBe(400);
    // Without a key of our own, each call is its own request (the SDK keys each call differently).
    const other = await stripe.customers.create({ email: "idem@test.example" });
    expect(other.id).not.toBe(first.id);
  });

  it("refuses a missing required parameter, naming it", async () => {
    const customer = await stripe.customers.create({ email: "p@test.example" });
    const error = (await stripe.checkout.sessions
      .create({ mode: "subscription", customer: customer.id, success_url: "http://localhost/ok" })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.param).toBe("line_items");
    const noMeter = (await stripe.prices
      .create({
        currency: "usd",
        unit_amount: 1,
        product_data: { name: "X" },
        recurring: { interval: "month", usage_type: "metered" },
      })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(noMeter.param).toBe("recurring[meter]");
    const unknown = (await stripe.subscriptions
      .retrieve("sub_missing")
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(unknown.statusCode).toBe(404);
    expect(unknown.code).toBe("resource_missing");
  });

  it("Checkout → complete → the subscription with its items, periods and events", async () => {
    const { monthly, overage } = await monthlyAndMeteredPrices();
    const customer = await stripe.customers.create({ email: "owner@test.example" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: monthly.id, quantity: 1 }, { price: overage.id }],
      success_url: "http://localhost/billing?checkout=success",
      client_reference_id: "ws-42",
      metadata: { workspace_id: "ws-42" },
      subscription_data: { metadata: { workspace_id: "ws-42" } },
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${fake.url}/_fake/checkout/${session.id}`);
    const page = await fetch(session.url!);
    const html = await page.text();
    expect(html).toContain("<title>Fake Stripe Checkout</title>");
    expect(html).toContain("Starter");

    const since = Math.floor(Date.now() / 1000);
    const completed = await fakeStripeControls(fake.url).completeCheckout(session.id);
    expect(completed.events.map((event) => event.type)).toEqual([
      "customer.subscription.created",
      "checkout.session.completed",
    ]);

    const retrievedSession = await stripe.checkout.sessions.retrieve(session.id);
    expect(retrievedSession).toMatchObject({ status: "complete", customer: customer.id, client_reference_id: "ws-42" });
    const subscription = await stripe.subscriptions.retrieve(retrievedSession.subscription as string);
    expect(subscription).toMatchObject({
      status: "active",
      customer: customer.id,
      metadata: { workspace_id: "ws-42" },
      livemode: false,
    });
    expect(subscription.items.data.map((item) => item.price.lookup_key)).toEqual([
      monthly.lookup_key,
      overage.lookup_key,
    ]);
    const [item] = subscription.items.data;
    expect(item!.id).toMatch(/^si_/);
    expect(item!.current_period_start).toBeGreaterThanOrEqual(since);
    expect(item!.current_period_end - item!.current_period_start).toBeGreaterThanOrEqual(28 * 86_400);
    expect(item!.price.recurring?.usage_type).toBe("licensed");
    expect(subscription.items.data[1]!.price.recurring?.usage_type).toBe("metered");

    const listed = await stripe.subscriptions.list({ customer: customer.id });
    expect(listed.data.map((s) => s.id)).toEqual([subscription.id]);

    // Cancel at the period's end, then the event list, newest first, with previous attributes.
    await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    const events = await stripe.events.list({
      created: { gte: since },
      types: ["customer.subscription.*", "checkout.session.completed"],
      limit: 100,
    });
    const mine = events.data.filter((event) => (event.data.object as { customer?: string }).customer === customer.id);
    expect(mine.map((event) => event.type)).toEqual([
      "customer.subscription.updated",
      "checkout.session.completed",
      "customer.subscription.created",
    ]);
    expect(mine[0]!.data.previous_attributes).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    const createdValues = events.data.map((event) => event.created);
    expect([...createdValues].sort((a, b) => b - a)).toEqual(createdValues);
    expect((await stripe.events.retrieve(mine[0]!.id)).type).toBe("customer.subscription.updated");

    await stripe.subscriptions.cancel(subscription.id);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("canceled");
  });

  it("schedules a downgrade at the period's end", async () => {
    const { monthly } = await monthlyAndMeteredPrices();
    const cheaper = await stripe.prices.create({
      currency: "usd",
      unit_amount: 900,
      recurring: { interval: "month" },
      product_data: { name: "Cheaper" },
    });
    const customer = await stripe.customers.create({ email: "down@test.example" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: monthly.id, quantity: 1 }],
      success_url: "http://localhost/ok",
    });
    const { subscription } = await fakeStripeControls(fake.url).completeCheckout(session.id);
    const schedule = await stripe.subscriptionSchedules.create({ from_subscription: subscription.id });
    expect(schedule.id).toMatch(/^sub_sched_/);
    const phase = schedule.phases[0]!;
    await stripe.subscriptionSchedules.update(schedule.id, {
      end_behavior: "release",
      phases: [
        { items: [{ price: monthly.id, quantity: 1 }], start_date: phase.start_date, end_date: phase.end_date },
        {
          items: [{ price: cheaper.id, quantity: 1 }],
          start_date: phase.end_date,
          duration: { interval: "month", interval_count: 1 },
        },
      ],
    });
    expect((await stripe.subscriptions.retrieve(subscription.id)).schedule).toBe(schedule.id);
    const advanced = await fakeStripeControls(fake.url).advanceSchedule(schedule.id);
    expect(advanced.subscription!.items.data.map((item) => item.price.id)).toEqual([cheaper.id]);
    expect(advanced.subscription!.items.data[0]!.current_period_start).toBe(phase.end_date);
  });

  it("accepts a meter event identifier once; a repeat is refused and counted", async () => {
    const { meter } = await monthlyAndMeteredPrices();
    const customer = await stripe.customers.create({ email: "meter@test.example" });
    const identifier = `test-${randomUUID()}`;
    const params = {
      event_name: meter.event_name,
      payload: { stripe_customer_id: customer.id, value: "120" },
      identifier,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    };
    const created = await stripe.billing.meterEvents.create(params);
    expect(created).toMatchObject({ identifier, payload: { value: "120" } });
    const repeat = (await stripe.billing.meterEvents
      .create(params)
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(repeat.statusCode).toBe(400);
    expect(repeat.code).toBe("resource_already_exists");
    expect(await fakeStripeControls(fake.url).meterEvents(identifier)).toEqual([
      expect.objectContaining({ identifier, value: "120", customer: customer.id, attempts: 2, accepted: 1 }),
    ]);
  });

  it("serves the portal page with a link back", async () => {
    const customer = await stripe.customers.create({ email: "portal@test.example" });
    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: "http://localhost/back",
    });
    expect(portal.id).toMatch(/^bps_/);
    const html = await (await fetch(portal.url)).text();
    expect(html).toContain("<title>Fake Stripe Customer Portal</title>");
    expect(html).toContain('href="http://localhost/back"');
  });

  it("signs an event as Stripe signs webhooks (the SDK verifies it; another secret does not)", async () => {
    const event = await fakeStripeControls(fake.url).createEvent("customer.updated", {
      id: "cus_x",
      object: "customer",
    });
    expect(event.id).toMatch(/^evt_/);
    const payload = JSON.stringify(event);
    const header = signStripePayload(payload, fake.webhookSecret);
    expect(stripe.webhooks.constructEvent(payload, header, fake.webhookSecret).id).toBe(event.id);
    expect(() => stripe.webhooks.constructEvent(payload, header, "whsec_other")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect((await stripe.events.retrieve(event.id)).type).toBe("customer.updated");
  });
});
