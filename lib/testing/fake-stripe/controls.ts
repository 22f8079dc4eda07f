import type { IncomingMessage, ServerResponse } from "node:http";
import { completeCheckoutSession, type FakeCheckoutSession } from "./checkout-sessions";
import { checkoutPage, notFoundPage, portalPage } from "./pages";
import type { FakePortalSession } from "./portal-sessions";
import { priceByLookupKey } from "./prices";
import { StripeApiError, invalidParam } from "./stripe-error";
import { advanceSchedule } from "./subscription-schedules";
import { changeSubscription, newItem, setItems, type FakeSubscription } from "./subscription-model";
import type { FakeStripeState, StripeObject } from "./state";

/** A change "from the Dashboard" (`POST /_fake/subscriptions/<id>`). Times in Unix seconds. */
export interface DashboardChange {
  status?: FakeSubscription["status"];
  /** Replaces the price of the first licensed (non-metered) item. */
  price_lookup_key?: string;
  /** Replaces all items with these prices. */
  lookup_keys?: string[];
  current_period_start?: number;
  current_period_end?: number;
  cancel_at_period_end?: boolean;
}

const isLoopback = (address: string | undefined) =>
  address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

function html(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  response.end(body);
}

function priceForKey(state: FakeStripeState, lookupKey: string) {
  const price = priceByLookupKey(state, lookupKey);
  if (!price) throw invalidParam("lookup_key", `No price with lookup key ${lookupKey}`);
  return price;
}

function dashboardChange(state: FakeStripeState, id: string, change: DashboardChange) {
  const subscription = state.get<FakeSubscription>(id, "subscription", "subscription");
  if (change.status === "canceled") {
    subscription.status = "canceled";
    subscription.canceled_at = state.now();
    subscription.ended_at = state.now();
    return { subscription, event: state.record("customer.subscription.deleted", subscription) };
  }
  const before = state.events.length;
  changeSubscription(state, subscription, (current) => {
    if (change.status) current.status = change.status;
    if (change.lookup_keys) {
      const first = current.items.data[0];
      const period = first
        ? { start: first.current_period_start, end: first.current_period_end }
        : { start: state.now(), end: state.now() };
      setItems(
        current,
        change.lookup_keys.map((key) => newItem(current.id, priceForKey(state, key), period, undefined, state.now())),
      );
    }
    if (change.price_lookup_key) {
      const item = current.items.data.find((candidate) => candidate.price.recurring?.usage_type !== "metered");
      if (!item) throw invalidParam("price_lookup_key", "The subscription has no licensed item.");
      item.price = structuredClone(priceForKey(state, change.price_lookup_key));
    }
    for (const item of current.items.data) {
      if (change.current_period_start !== undefined) item.current_period_start = change.current_period_start;
      if (change.current_period_end !== undefined) item.current_period_end = change.current_period_end;
    }
    if (change.cancel_at_period_end !== undefined) {
      current.cancel_at_period_end = change.cancel_at_period_end;
      current.cancel_at = change.cancel_at_period_end ? (current.items.data[0]?.current_period_end ?? null) : null;
    }
  });
  return { subscription, event: state.events.length > before ? state.events.at(-1)! : null };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  return JSON.parse(text) as Record<string, unknown>;
}

/** `/_fake/…`: the hosted pages and the test controls (JSON, loopback only, no key). */
export async function handleControl(
  state: FakeStripeState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  if (!isLoopback(request.socket.remoteAddress)) return json(response, 403, { error: { message: "loopback only" } });
  const path = url.pathname;
  const method = request.method ?? "GET";
  try {
    let match: RegExpMatchArray | null;
    if (method === "GET" && (match = path.match(/^\/_fake\/checkout\/([^/]+)$/))) {
      const session = state.find(match[1]!) as FakeCheckoutSession | undefined;
      return session?.object === "checkout.session"
        ? html(response, 200, checkoutPage(state, session))
        : html(response, 404, notFoundPage());
    }
    if (method === "POST" && (match = path.match(/^\/_fake\/checkout\/([^/]+)\/pay$/))) {
      const { session } = completeCheckoutSession(state, match[1]!);
      const target = String(session.success_url ?? "/").replace("{CHECKOUT_SESSION_ID}", session.id);
      response.writeHead(303, { location: target });
      return void response.end();
    }
    if (method === "GET" && (match = path.match(/^\/_fake\/portal\/([^/]+)$/))) {
      const session = state.find(match[1]!) as FakePortalSession | undefined;
      return session?.object === "billing_portal.session"
        ? html(response, 200, portalPage(session))
        : html(response, 404, notFoundPage());
    }
    if (method === "POST" && (match = path.match(/^\/_fake\/checkout\/([^/]+)\/complete$/))) {
      const body = await readJson(request);
      const trialDays = typeof body.trial_days === "number" ? body.trial_days : undefined;
      return json(response, 200, completeCheckoutSession(state, match[1]!, { trialDays }));
    }
    if (method === "POST" && (match = path.match(/^\/_fake\/subscriptions\/([^/]+)$/))) {
      return json(response, 200, dashboardChange(state, match[1]!, (await readJson(request)) as DashboardChange));
    }
    if (method === "POST" && (match = path.match(/^\/_fake\/subscription_schedules\/([^/]+)\/advance$/))) {
      const schedule = advanceSchedule(state, match[1]!);
      const subscriptionId = (schedule.released_subscription ?? schedule.subscription) as string | null;
      return json(response, 200, { schedule, subscription: subscriptionId ? state.find(subscriptionId) : null });
    }
    if (method === "POST" && path === "/_fake/events") {
      const body = await readJson(request);
      if (typeof body.type !== "string" || typeof body.object !== "object" || body.object === null) {
        throw invalidParam("type", "An event needs `type` and `object`.");
      }
      const previous = body.previous_attributes as Record<string, unknown> | undefined;
      return json(response, 200, state.record(body.type, body.object as StripeObject, previous));
    }
    if (method === "GET" && path === "/_fake/meter_events") {
      const prefix = url.searchParams.get("identifier_prefix") ?? "";
      const attempts = state.meterEventAttempts.filter((attempt) => attempt.identifier.startsWith(prefix));
      const identifiers = [...new Set(attempts.map((attempt) => attempt.identifier))];
      const data = identifiers.map((identifier) => {
        const mine = attempts.filter((attempt) => attempt.identifier === identifier);
        const accepted = mine.find((attempt) => attempt.accepted)!;
        return {
          identifier,
          event_name: accepted.eventName,
          customer: accepted.customer ?? null,
          value: accepted.value ?? null,
          timestamp: accepted.timestamp,
          attempts: mine.length,
          accepted: mine.filter((attempt) => attempt.accepted).length,
        };
      });
      return json(response, 200, { data });
    }
    return json(response, 404, { error: { message: `Unknown control: ${method} ${path}` } });
  } catch (error) {
    if (error instanceof StripeApiError) return json(response, error.status, error.body());
    if (error instanceof SyntaxError) return json(response, 400, { error: { message: "The body is not JSON." } });
    throw error;
  }
}
