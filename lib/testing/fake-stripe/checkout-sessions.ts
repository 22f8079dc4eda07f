import type { FakeCustomer } from "./customers";
import { newId } from "./ids";
import { Params } from "./params";
import type { FakePrice } from "./prices";
import type { Route } from "./route";
import { invalidParam, missingParam } from "./stripe-error";
import { createSubscription, type FakeSubscription } from "./subscription-model";
import type { FakeEvent, FakeStripeState, StripeObject } from "./state";

export interface FakeCheckoutSession extends StripeObject {
  object: "checkout.session";
  customer: string | null;
  customer_email: string | null;
  mode: string;
  status: "open" | "complete" | "expired";
  subscription: string | null;
}

export const checkoutRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/checkout\/sessions$/,
    handle: ({ state, params, baseUrl }) => {
      const mode = params.requiredString("mode");
      if (!["payment", "setup", "subscription"].includes(mode)) throw invalidParam("mode", `Invalid mode: ${mode}`);
      const successUrl = params.string("success_url");
      const uiMode = params.string("ui_mode") ?? "hosted";
      if (uiMode === "hosted" && !successUrl) throw missingParam("success_url");
      const customer = params.string("customer") || null;
      const customerEmail = params.string("customer_email") || null;
      if (customer) state.get(customer, "customer", "customer", "customer");
      if (customer && customerEmail)
        throw invalidParam("customer_email", "You may only specify one of these parameters: customer, customer_email.");
      if (mode === "subscription" && !customer && !customerEmail) throw missingParam("customer");
      const rawItems = params.list("line_items");
      if (mode !== "setup" && rawItems.length === 0) throw missingParam("line_items");
      const lineItems = rawItems.map((raw, index) => {
        if (typeof raw === "string" || Array.isArray(raw)) throw invalidParam(`line_items[${index}]`, "Invalid hash");
        const item = new Params(raw);
        const priceId = item.string("price");
        if (!priceId) throw missingParam(`line_items[${index}][price]`);
        const price = state.get<FakePrice>(priceId, "price", "price", `line_items[${index}][price]`);
        if (!price.active)
          throw invalidParam(`line_items[${index}][price]`, `The price specified is inactive: ${priceId}`);
        const metered = price.recurring?.usage_type === "metered";
        const quantity = item.integer("quantity");
        if (metered && quantity !== undefined) {
          throw invalidParam(
            `line_items[${index}][quantity]`,
            "Quantity should not be specified where usage_type is `metered`.",
          );
        }
        if (!metered && quantity === undefined) throw missingParam(`line_items[${index}][quantity]`);
        return { price: price.id, quantity: quantity ?? 0 };
      });
      const id = newId("cs_test_");
      const now = state.now();
      state.checkoutExtras.set(id, {
        lineItems,
        subscriptionMetadata: params.nested("subscription_data").metadata() ?? {},
      });
      return state.put<FakeCheckoutSession>({
        id,
        object: "checkout.session",
        cancel_url: params.string("cancel_url") || null,
        client_reference_id: params.string("client_reference_id") || null,
        created: now,
        currency: "usd",
        customer,
        customer_email: customerEmail,
        expires_at: now + 86_400,
        livemode: false,
        metadata: params.metadata() ?? {},
        mode,
        payment_status: "unpaid",
        status: "open",
        subscription: null,
        success_url: successUrl ?? null,
        ui_mode: uiMode,
        url: `${baseUrl}/_fake/checkout/${id}`,
      });
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
    handle: ({ state, path }) => state.get(path[0]!, "checkout.session", "checkout.session"),
  },
];

/**
 * What happens when the customer pays: the subscription is created for the session's customer (a new
 * one for `customer_email`) with its line items, and Stripe's events are recorded.
 */
export function completeCheckoutSession(
  state: FakeStripeState,
  sessionId: string,
  options: { trialDays?: number } = {},
): { session: FakeCheckoutSession; subscription: FakeSubscription; events: FakeEvent[] } {
  const session = state.get<FakeCheckoutSession>(sessionId, "checkout.session", "checkout.session");
  if (session.status !== "open") throw invalidParam("session", `The session is ${session.status}.`);
  if (session.mode !== "subscription")
    throw invalidParam("session", "Only subscription sessions can be completed here.");
  const extras = state.checkoutExtras.get(session.id)!;
  let customerId = session.customer;
  if (!customerId) {
    customerId = state.put<FakeCustomer>({
      id: newId("cus_"),
      object: "customer",
      created: state.now(),
      email: session.customer_email,
      name: null,
      metadata: {},
      livemode: false,
    }).id;
  }
  const subscription = createSubscription(state, {
    customer: customerId,
    items: extras.lineItems.map((item) => ({
      price: state.get<FakePrice>(item.price, "price", "price"),
      quantity: item.quantity || undefined,
    })),
    metadata: extras.subscriptionMetadata,
    trialDays: options.trialDays,
  });
  session.customer = customerId;
  session.subscription = subscription.id;
  session.status = "complete";
  session.payment_status = options.trialDays ? "no_payment_required" : "paid";
  const events = [
    state.record("customer.subscription.created", subscription),
    state.record("checkout.session.completed", session),
  ];
  return { session, subscription, events };
}
