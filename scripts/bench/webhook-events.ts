// The events of the webhook inbox benchmark, as Stripe would post them (serialized once; each send
// signs its payload anew). Every event names a real subscription, so the inbox retrieves it from
// the fake Stripe API before applying, as it does for Stripe's own.
import type Stripe from "stripe";
import { stripeEvent } from "../../lib/testing/stripe-fixtures";
import type { Subscriber } from "./webhook-subscribers";

export type ExpectedOutcome = "applied" | "stale";

export interface BenchEvent {
  id: string;
  type: string;
  workspaceId: string;
  /** The JSON body, exactly as sent (the signature covers these bytes). */
  payload: string;
  expected: ExpectedOutcome;
}

/** How much older than the burst's events a late (stale) one is. */
const LATE_BY_SECONDS = 3600;

const invoiceOf = (subscriber: Subscriber, id: string) => ({
  id,
  object: "invoice",
  customer: subscriber.customerId,
  status: "paid",
  attempt_count: 1,
  amount_due: 4900,
  amount_paid: 4900,
  currency: "usd",
  next_payment_attempt: null,
  hosted_invoice_url: null,
  parent: {
    type: "subscription_details",
    subscription_details: { subscription: subscriber.subscription.id, metadata: {} },
  },
});

const benchEvent = (event: Stripe.Event, workspaceId: string, expected: ExpectedOutcome): BenchEvent => ({
  id: event.id,
  type: event.type,
  workspaceId,
  payload: JSON.stringify(event),
  expected,
});

/**
 * `count` distinct events round-robin over the subscribers, in rounds: per ten rounds, two of
 * `invoice.paid`, seven of `customer.subscription.updated` created at `created` (applied: none is
 * older than another), and one `customer.subscription.updated` an hour older than the state the
 * workspace already holds (a late delivery: stored as `stale`, nothing changed).
 */
export function distinctEvents(subscribers: Subscriber[], count: number, created: number, tag: string): BenchEvent[] {
  return Array.from({ length: count }, (_, index) => {
    const subscriber = subscribers[index % subscribers.length]!;
    const round = Math.floor(index / subscribers.length) % 10;
    if (round < 2) {
      const invoice = invoiceOf(subscriber, `in_bench_${tag}_${index}`);
      return benchEvent(stripeEvent("invoice.paid", invoice, { created }), subscriber.workspaceId, "applied");
    }
    const late = round === 9;
    const event = stripeEvent("customer.subscription.updated", subscriber.subscription, {
      created: late ? created - LATE_BY_SECONDS : created,
    });
    return benchEvent(event, subscriber.workspaceId, late ? "stale" : "applied");
  });
}

/** One `invoice.payment_failed` (past due, `billing.payment_failed` to the audit log and the outbox, owner emails). */
export function paymentFailedEvent(subscriber: Subscriber, created: number): BenchEvent {
  const invoice = { ...invoiceOf(subscriber, `in_bench_failed_${subscriber.workspaceId}`), status: "open" };
  const event = stripeEvent(
    "invoice.payment_failed",
    { ...invoice, attempt_count: 2, amount_paid: 0, next_payment_attempt: created + 3 * 86_400 },
    { created },
  );
  return benchEvent(event, subscriber.workspaceId, "applied");
}
