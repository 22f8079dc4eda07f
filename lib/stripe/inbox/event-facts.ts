import type Stripe from "stripe";
import { isHandledStripeEvent, type HandledStripeEvent } from "./handled-events";

/** What an event says about whom it concerns, read from its payload (ids only, never state). */
export interface EventFacts {
  type: HandledStripeEvent;
  customerId: string | null;
  subscriptionId: string | null;
  /** The workspace our own Checkout session or subscription named (client_reference_id / metadata). */
  workspaceHint: string | null;
  invoice: {
    attempt: number;
    amountDue: number;
    currency: string;
    nextAttempt: Date | null;
    url: string | null;
  } | null;
}

const idOf = (value: string | { id: string } | null | undefined) =>
  value == null ? null : typeof value === "string" ? value : value.id;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNull = (value: unknown) => (typeof value === "string" && UUID.test(value) ? value : null);

/** The ids an event points at; null for an event the inbox does not act on. */
export function eventFacts(event: Stripe.Event): EventFacts | null {
  if (!isHandledStripeEvent(event.type)) return null;
  const type = event.type;
  if (type === "checkout.session.completed") {
    const session = event.data.object as Stripe.Checkout.Session;
    if (session.mode !== "subscription") return null;
    return {
      type,
      customerId: idOf(session.customer),
      subscriptionId: idOf(session.subscription),
      workspaceHint: uuidOrNull(session.client_reference_id) ?? uuidOrNull(session.metadata?.workspace_id),
      invoice: null,
    };
  }
  if (type.startsWith("customer.subscription.")) {
    const subscription = event.data.object as Stripe.Subscription;
    return {
      type,
      customerId: idOf(subscription.customer),
      subscriptionId: subscription.id,
      workspaceHint: uuidOrNull(subscription.metadata?.workspace_id),
      invoice: null,
    };
  }
  const invoice = event.data.object as Stripe.Invoice;
  return {
    type,
    customerId: idOf(invoice.customer),
    subscriptionId: idOf(invoice.parent?.subscription_details?.subscription),
    workspaceHint: uuidOrNull(invoice.parent?.subscription_details?.metadata?.workspace_id),
    invoice: {
      attempt: invoice.attempt_count ?? 0,
      amountDue: invoice.amount_due ?? 0,
      currency: invoice.currency ?? "usd",
      nextAttempt: invoice.next_payment_attempt ? new Date(invoice.next_payment_attempt * 1000) : null,
      url: invoice.hosted_invoice_url ?? null,
    },
  };
}
