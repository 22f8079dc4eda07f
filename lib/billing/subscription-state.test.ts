import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { planStatusOf } from "./stripe-status";
import { subscriptionStateOf } from "./subscription-state";

const at = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

function subscription(
  overrides: Partial<Stripe.Subscription> = {},
  lookupKey = "starter_monthly",
): Stripe.Subscription {
  return {
    id: "sub_1",
    object: "subscription",
    customer: "cus_1",
    status: "active",
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    trial_end: null,
    schedule: null,
    metadata: {},
    items: {
      object: "list",
      data: [
        {
          id: "si_base",
          price: { id: "price_base", lookup_key: lookupKey, recurring: { usage_type: "licensed" } },
          current_period_start: at("2027-01-31T10:00:00Z"),
          current_period_end: at("2027-02-28T10:00:00Z"),
          quantity: 1,
        },
        {
          id: "si_metered",
          price: { id: "price_overage", lookup_key: "starter_overage", recurring: { usage_type: "metered" } },
          current_period_start: at("2027-01-31T10:00:00Z"),
          current_period_end: at("2027-02-28T10:00:00Z"),
        },
      ],
    },
    ...overrides,
  } as unknown as Stripe.Subscription;
}

describe("Stripe's status as ours", () => {
  it.each([
    ["trialing", "trialing"],
    ["active", "active"],
    ["past_due", "past_due"],
    ["incomplete", "past_due"],
    ["unpaid", "suspended"],
    ["incomplete_expired", "suspended"],
    ["paused", "suspended"],
    ["canceled", "canceled"],
  ] as const)("%s → %s", (stripe, ours) => expect(planStatusOf(stripe)).toBe(ours));
});

describe("a subscription's state", () => {
  it("takes the plan from the licensed item's lookup key and the period from that item", () => {
    const state = subscriptionStateOf(subscription());
    expect(state).toMatchObject({
      subscriptionId: "sub_1",
      customerId: "cus_1",
      planType: "starter",
      planStatus: "active",
      basePriceId: "price_base",
      cancelAtPeriodEnd: false,
      hasSchedule: false,
    });
    expect(state.periodStart?.toISOString()).toBe("2027-01-31T10:00:00.000Z");
    expect(state.periodEnd?.toISOString()).toBe("2027-02-28T10:00:00.000Z");
  });

  it("a canceled subscription means the Free plan, no subscription, no period from Stripe", () => {
    const state = subscriptionStateOf(subscription({ status: "canceled", canceled_at: at("2027-02-01T00:00:00Z") }));
    expect(state).toMatchObject({ planType: "free", planStatus: "canceled", subscriptionId: null, periodStart: null });
    expect(state.canceledAt?.toISOString()).toBe("2027-02-01T00:00:00.000Z");
  });

  it("cancel_at counts as cancelling; a schedule is noticed", () => {
    expect(subscriptionStateOf(subscription({ cancel_at: at("2027-02-28T10:00:00Z") })).cancelAtPeriodEnd).toBe(true);
    expect(subscriptionStateOf(subscription({ schedule: "sub_sched_1" })).hasSchedule).toBe(true);
  });

  it("refuses a price it cannot place instead of guessing a plan", () => {
    expect(() => subscriptionStateOf(subscription({}, "someone_elses_price"))).toThrow(/stripe:setup/);
  });
});
