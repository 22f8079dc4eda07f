import { newId } from "./ids";
import type { FakePrice } from "./prices";
import { invalidParam } from "./stripe-error";
import type { FakeStripeState, StripeObject } from "./state";

export interface FakeSubscriptionItem {
  id: string;
  object: "subscription_item";
  created: number;
  current_period_start: number;
  current_period_end: number;
  discounts: string[];
  metadata: Record<string, string>;
  price: FakePrice;
  quantity?: number;
  subscription: string;
  tax_rates: unknown[];
}

export interface FakeSubscription extends StripeObject {
  object: "subscription";
  status: "incomplete" | "trialing" | "active" | "past_due" | "canceled" | "unpaid" | "paused" | "incomplete_expired";
  customer: string;
  metadata: Record<string, string>;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  trial_start: number | null;
  trial_end: number | null;
  billing_cycle_anchor: number;
  schedule: string | null;
  created: number;
  items: { object: "list"; data: FakeSubscriptionItem[]; has_more: false; total_count: number; url: string };
}

/** One calendar month later (clamped to the month's last day, as Stripe's billing periods are). */
export function addMonth(seconds: number): number {
  const start = new Date(seconds * 1000);
  const target = new Date(start);
  target.setUTCDate(1);
  target.setUTCMonth(start.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}

export function priceOf(state: FakeStripeState, priceId: string, param: string): FakePrice {
  const price = state.get<FakePrice>(priceId, "price", "price", param);
  if (!price.active) throw invalidParam(param, `The price specified is inactive: ${priceId}`);
  return price;
}

export function newItem(
  subscriptionId: string,
  price: FakePrice,
  period: { start: number; end: number },
  quantity: number | undefined,
  created: number,
): FakeSubscriptionItem {
  return {
    id: newId("si_"),
    object: "subscription_item",
    created,
    current_period_start: period.start,
    current_period_end: period.end,
    discounts: [],
    metadata: {},
    price: structuredClone(price),
    ...(price.recurring?.usage_type === "metered" ? {} : { quantity: quantity ?? 1 }),
    subscription: subscriptionId,
    tax_rates: [],
  };
}

export function setItems(subscription: FakeSubscription, items: FakeSubscriptionItem[]): void {
  subscription.items = {
    object: "list",
    data: items,
    has_more: false,
    total_count: items.length,
    url: `/v1/subscription_items?subscription=${subscription.id}`,
  };
}

/** The subscription's period (its items share one). */
export function periodOf(subscription: FakeSubscription): { start: number; end: number } {
  const first = subscription.items.data[0];
  const now = Math.floor(Date.now() / 1000);
  return first
    ? { start: first.current_period_start, end: first.current_period_end }
    : { start: now, end: addMonth(now) };
}

export function createSubscription(
  state: FakeStripeState,
  input: {
    customer: string;
    items: { price: FakePrice; quantity?: number }[];
    metadata?: Record<string, string>;
    trialDays?: number;
  },
): FakeSubscription {
  const now = state.now();
  const trialEnd = input.trialDays ? now + input.trialDays * 86_400 : null;
  const period = { start: now, end: trialEnd ?? addMonth(now) };
  const subscription: FakeSubscription = {
    id: newId("sub_"),
    object: "subscription",
    application: null,
    billing_cycle_anchor: period.end === trialEnd ? trialEnd : now,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    collection_method: "charge_automatically",
    created: now,
    currency: input.items[0]?.price.currency ?? "usd",
    customer: input.customer,
    default_payment_method: null,
    description: null,
    ended_at: null,
    items: { object: "list", data: [], has_more: false, total_count: 0, url: "" },
    latest_invoice: null,
    livemode: false,
    metadata: input.metadata ?? {},
    schedule: null,
    start_date: now,
    status: trialEnd ? "trialing" : "active",
    trial_end: trialEnd,
    trial_start: trialEnd ? now : null,
  };
  setItems(
    subscription,
    input.items.map((item) => newItem(subscription.id, item.price, period, item.quantity, now)),
  );
  return state.put(subscription);
}

/** The top-level fields that differ (Stripe's `previous_attributes`: the old values). */
export function previousAttributes(before: StripeObject, after: StripeObject): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = before[key] ?? null;
  }
  return changed;
}

/** Runs a change on a subscription and records `customer.subscription.updated` when something changed. */
export function changeSubscription(
  state: FakeStripeState,
  subscription: FakeSubscription,
  change: (subscription: FakeSubscription) => void,
): FakeSubscription {
  const before = structuredClone(subscription);
  change(subscription);
  const previous = previousAttributes(before, subscription);
  if (Object.keys(previous).length > 0) state.record("customer.subscription.updated", subscription, previous);
  return subscription;
}
