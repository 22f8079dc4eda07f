// The fake's test controls over HTTP: the same calls work from a Vitest test in-process and from a
// Playwright spec in another process (given the fake's base URL, STRIPE_API_BASE).
import type Stripe from "stripe";
import type { DashboardChange } from "./controls";

export interface FakeMeterEventSummary {
  identifier: string;
  event_name: string;
  customer: string | null;
  value: string | null;
  timestamp: number;
  /** Every call made with this identifier (repeats included). */
  attempts: number;
  /** How many were accepted: 1 (Stripe counts an identifier once). */
  accepted: number;
}

async function call<T>(baseUrl: string, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(`Fake Stripe ${method} ${path}: ${response.status} ${answer.error?.message ?? ""}`);
  return answer;
}

export function fakeStripeControls(baseUrl: string) {
  return {
    /** Pays a Checkout session: creates its subscription (trialing with `trialDays`), records and returns the events. */
    completeCheckout: (sessionId: string, options: { trialDays?: number } = {}) =>
      call<{ session: Stripe.Checkout.Session; subscription: Stripe.Subscription; events: Stripe.Event[] }>(
        baseUrl,
        "POST",
        `/_fake/checkout/${encodeURIComponent(sessionId)}/complete`,
        options.trialDays === undefined ? {} : { trial_days: options.trialDays },
      ),
    /** Changes a subscription as if from the Dashboard and records `customer.subscription.updated|deleted`. */
    changeSubscription: (subscriptionId: string, change: DashboardChange) =>
      call<{ subscription: Stripe.Subscription; event: Stripe.Event | null }>(
        baseUrl,
        "POST",
        `/_fake/subscriptions/${encodeURIComponent(subscriptionId)}`,
        change,
      ),
    /** Moves a subscription schedule into its next phase (the period ended). */
    advanceSchedule: (scheduleId: string) =>
      call<{ schedule: Stripe.SubscriptionSchedule; subscription: Stripe.Subscription | null }>(
        baseUrl,
        "POST",
        `/_fake/subscription_schedules/${encodeURIComponent(scheduleId)}/advance`,
        {},
      ),
    /** Records an arbitrary event (listed by `events.list` like any other). */
    createEvent: (type: string, object: { id: string; object: string }, previousAttributes?: Record<string, unknown>) =>
      call<Stripe.Event>(baseUrl, "POST", "/_fake/events", { type, object, previous_attributes: previousAttributes }),
    /** The meter events whose identifier starts with `prefix`, with how often each was sent. */
    meterEvents: async (identifierPrefix: string) =>
      (
        await call<{ data: FakeMeterEventSummary[] }>(
          baseUrl,
          "GET",
          `/_fake/meter_events?identifier_prefix=${encodeURIComponent(identifierPrefix)}`,
        )
      ).data,
  };
}

export type FakeStripeControls = ReturnType<typeof fakeStripeControls>;
