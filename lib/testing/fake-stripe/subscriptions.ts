import { mergeMetadata, Params } from "./params";
import type { Route } from "./route";
import { listOf } from "./route";
import { StripeApiError, invalidParam } from "./stripe-error";
import {
  addMonth,
  changeSubscription,
  newItem,
  periodOf,
  priceOf,
  setItems,
  type FakeSubscription,
  type FakeSubscriptionItem,
} from "./subscription-model";
import type { FakeStripeState } from "./state";

const STATUSES = ["incomplete", "trialing", "active", "past_due", "canceled", "unpaid", "paused", "incomplete_expired"];
const PRORATION_BEHAVIORS = ["create_prorations", "none", "always_invoice"];

function subscriptionOf(state: FakeStripeState, id: string): FakeSubscription {
  return state.get<FakeSubscription>(id, "subscription", "subscription");
}

/** `items[i][id|price|quantity|deleted]`: change, add or remove items as Stripe does. */
function applyItemChanges(state: FakeStripeState, subscription: FakeSubscription, params: Params): void {
  const period = periodOf(subscription);
  const items: FakeSubscriptionItem[] = [...subscription.items.data];
  params.list("items").forEach((raw, index) => {
    if (typeof raw === "string" || Array.isArray(raw)) throw invalidParam(`items[${index}]`, "Invalid hash");
    const item = new Params(raw);
    const id = item.string("id");
    const priceId = item.string("price");
    const quantity = item.integer("quantity");
    if (id) {
      const position = items.findIndex((existing) => existing.id === id);
      if (position < 0) throw invalidParam(`items[${index}][id]`, `No such subscription item: '${id}'`);
      if (item.boolean("deleted")) {
        items.splice(position, 1);
        return;
      }
      const existing = items[position]!;
      if (priceId) existing.price = structuredClone(priceOf(state, priceId, `items[${index}][price]`));
      if (quantity !== undefined && existing.price.recurring?.usage_type !== "metered") existing.quantity = quantity;
      return;
    }
    if (!priceId) throw invalidParam(`items[${index}]`, "Each item needs an `id` or a `price`.");
    const price = priceOf(state, priceId, `items[${index}][price]`);
    if (items.some((existing) => existing.price.id === price.id)) {
      throw invalidParam(`items[${index}][price]`, "Cannot add multiple subscription items with the same price.");
    }
    items.push(newItem(subscription.id, price, period, quantity, state.now()));
  });
  if (items.length === 0) throw invalidParam("items", "A subscription needs at least one item.");
  setItems(subscription, items);
}

export const subscriptionRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/v1\/subscriptions$/,
    handle: ({ state, params }) => {
      const customer = params.string("customer");
      const status = params.string("status");
      const price = params.string("price");
      if (status && status !== "all" && status !== "ended" && !STATUSES.includes(status)) {
        throw invalidParam("status", `Invalid status: ${status}`);
      }
      const subscriptions = state
        .all<FakeSubscription>("subscription")
        .filter((subscription) => !customer || subscription.customer === customer)
        .filter((subscription) => {
          if (status === "all") return true;
          if (status === "ended")
            return subscription.status === "canceled" || subscription.status === "incomplete_expired";
          if (status) return subscription.status === status;
          return subscription.status !== "canceled";
        })
        .filter((subscription) => !price || subscription.items.data.some((item) => item.price.id === price))
        .reverse();
      return listOf(subscriptions, params, "/v1/subscriptions");
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/subscriptions\/([^/]+)$/,
    handle: ({ state, path }) => subscriptionOf(state, path[0]!),
  },
  {
    method: "POST",
    pattern: /^\/v1\/subscriptions\/([^/]+)$/,
    handle: ({ state, params, path }) => {
      const subscription = subscriptionOf(state, path[0]!);
      if (subscription.status === "canceled") {
        throw new StripeApiError(
          400,
          "invalid_request_error",
          "A canceled subscription can only update its cancellation_details and metadata.",
        );
      }
      const proration = params.string("proration_behavior");
      if (proration && !PRORATION_BEHAVIORS.includes(proration))
        throw invalidParam("proration_behavior", `Invalid proration_behavior: ${proration}`);
      const anchor = params.string("billing_cycle_anchor");
      if (anchor && anchor !== "unchanged" && anchor !== "now")
        throw invalidParam("billing_cycle_anchor", `Invalid billing_cycle_anchor: ${anchor}`);
      const cancelAtPeriodEnd = params.boolean("cancel_at_period_end");
      if (subscription.schedule && params.has("items")) {
        throw invalidParam(
          "items",
          `The subscription is managed by the subscription schedule \`${subscription.schedule}\`, and updating any cancelation behavior directly is not allowed. Please update the schedule instead.`,
        );
      }
      return changeSubscription(state, subscription, (current) => {
        if (params.has("items")) applyItemChanges(state, current, params);
        if (anchor === "now") {
          const now = state.now();
          current.billing_cycle_anchor = now;
          for (const item of current.items.data) {
            item.current_period_start = now;
            item.current_period_end = addMonth(now);
          }
        }
        if (cancelAtPeriodEnd !== undefined) {
          current.cancel_at_period_end = cancelAtPeriodEnd;
          current.cancel_at = cancelAtPeriodEnd ? periodOf(current).end : null;
        }
        current.metadata = mergeMetadata(current.metadata, params.metadata());
      });
    },
  },
  {
    method: "DELETE",
    pattern: /^\/v1\/subscriptions\/([^/]+)$/,
    handle: ({ state, path }) => {
      const subscription = subscriptionOf(state, path[0]!);
      if (subscription.status === "canceled") {
        throw new StripeApiError(
          400,
          "invalid_request_error",
          `This subscription has already been canceled: ${subscription.id}`,
        );
      }
      const now = state.now();
      subscription.status = "canceled";
      subscription.canceled_at = now;
      subscription.ended_at = now;
      subscription.cancel_at_period_end = false;
      state.record("customer.subscription.deleted", subscription);
      return subscription;
    },
  },
];
