import type Stripe from "stripe";
import type { PrismaClient } from "../../generated/prisma/client";
import type { TenantTx } from "../../db/tenant-transaction";
import { logger } from "../../logger";
import { applySubscriptionState, type BillingChange } from "../../billing/apply-subscription-state";
import { subscriptionStateOf } from "../../billing/subscription-state";
import { eventFacts, type EventFacts } from "./event-facts";
import { applyInvoiceEffects, type BillingNotice } from "./invoice-effects";
import { sendBillingNotices } from "./send-billing-notices";

export type InboxOutcome = "applied" | "stale" | "unhandled" | "no_workspace" | "duplicate";

export interface ProcessedEvent {
  outcome: InboxOutcome;
  workspaceId: string | null;
  change: BillingChange | null;
}

/**
 * The webhook inbox (docs/decisions/010-stripe-webhook-inbox.md). The event is stored by its id in
 * the SAME transaction as its effect: the first delivery inserts the row and applies; a duplicate —
 * even one arriving at the same moment, which waits on the row — finds it processed and changes
 * nothing. State is never taken from the payload: the subscription is retrieved from Stripe before
 * the transaction and its current state applied, and an event older than the last one applied to
 * the workspace changes nothing. A failure rolls everything back, records the attempt, and throws
 * (the route answers 500 and Stripe retries).
 */
export async function processStripeEvent(
  db: PrismaClient,
  stripe: Stripe,
  event: Stripe.Event,
): Promise<ProcessedEvent> {
  const [seen] = await db.$queryRaw<{ processed_at: Date | null }[]>`
    SELECT processed_at FROM stripe_events WHERE id = ${event.id}`;
  if (seen?.processed_at) return { outcome: "duplicate", workspaceId: null, change: null };

  const facts = eventFacts(event);
  try {
    // Network first, outside any transaction: Stripe's current subscription.
    const subscription = facts?.subscriptionId ? await stripe.subscriptions.retrieve(facts.subscriptionId) : null;
    const result = await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`
          INSERT INTO stripe_events (id, type, created, livemode, payload)
          VALUES (${event.id}, ${event.type}, to_timestamp(${event.created}), ${event.livemode}, ${JSON.stringify(event)}::jsonb)
          ON CONFLICT (id) DO NOTHING`;
        const [row] = await tx.$queryRaw<{ processed_at: Date | null }[]>`
          SELECT processed_at FROM stripe_events WHERE id = ${event.id} FOR UPDATE`;
        if (row?.processed_at) return { outcome: "duplicate" as const, workspaceId: null, change: null, notices: [] };
        const applied = await applyEvent(tx, event, facts, subscription);
        await tx.$executeRaw`
          UPDATE stripe_events
             SET processed_at = now(), outcome = ${applied.outcome}, workspace_id = ${applied.workspaceId}::uuid,
                 attempts = attempts + 1, last_error = NULL
           WHERE id = ${event.id}`;
        return applied;
      },
      { timeout: 15_000 },
    );
    if (result.outcome === "unhandled")
      logger.info({ stripeEvent: event.id, type: event.type }, "stripe event not handled");
    if (result.outcome === "no_workspace") {
      logger.warn({ stripeEvent: event.id, type: event.type }, "stripe event names no workspace of ours");
    }
    // Emails only after the effect committed, and only by the delivery that applied it.
    await sendBillingNotices(result.notices);
    return { outcome: result.outcome, workspaceId: result.workspaceId, change: result.change };
  } catch (error) {
    await recordFailedAttempt(db, event, error);
    throw error;
  }
}

async function applyEvent(
  tx: TenantTx,
  event: Stripe.Event,
  facts: EventFacts | null,
  subscription: Stripe.Subscription | null,
): Promise<{
  outcome: InboxOutcome;
  workspaceId: string | null;
  change: BillingChange | null;
  notices: BillingNotice[];
}> {
  if (!facts) return { outcome: "unhandled", workspaceId: null, change: null, notices: [] };
  const workspaceId = await workspaceOf(tx, facts);
  if (!workspaceId) return { outcome: "no_workspace", workspaceId: null, change: null, notices: [] };

  const created = new Date(event.created * 1000);
  const [billing] = await tx.$queryRaw<{ last: Date | null }[]>`
    SELECT last_stripe_event_created_at AS last FROM billing_config WHERE workspace_id = ${workspaceId}::uuid FOR UPDATE`;
  if (!billing) return { outcome: "no_workspace", workspaceId: null, change: null, notices: [] };
  // An event older than one already applied never overwrites newer state.
  if (billing.last && created < billing.last) return { outcome: "stale", workspaceId, change: null, notices: [] };

  let change: BillingChange | null = null;
  if (subscription) {
    change = await applySubscriptionState(tx, workspaceId, subscriptionStateOf(subscription), {
      eventId: event.id,
      eventCreated: created,
      reason: event.type,
    });
  } else {
    await tx.$executeRaw`
      UPDATE billing_config SET last_stripe_event_created_at = GREATEST(last_stripe_event_created_at, ${created})
       WHERE workspace_id = ${workspaceId}::uuid`;
  }
  const notices = await applyInvoiceEffects(tx, workspaceId, event, facts, subscription);
  return { outcome: "applied", workspaceId, change, notices };
}

/** Ours by the customer we created; else by the workspace our Checkout named, if it has no other customer. */
async function workspaceOf(tx: TenantTx, facts: EventFacts): Promise<string | null> {
  if (facts.customerId) {
    const [byCustomer] = await tx.$queryRaw<{ workspace_id: string }[]>`
      SELECT workspace_id FROM billing_config WHERE stripe_customer_id = ${facts.customerId}`;
    if (byCustomer) return byCustomer.workspace_id;
  }
  if (!facts.workspaceHint) return null;
  const [byHint] = await tx.$queryRaw<{ workspace_id: string }[]>`
    SELECT workspace_id FROM billing_config
     WHERE workspace_id = ${facts.workspaceHint}::uuid AND stripe_customer_id IS NULL`;
  return byHint?.workspace_id ?? null;
}

/** The attempt and its error, kept for the operator (the effect itself was rolled back). */
async function recordFailedAttempt(db: PrismaClient, event: Stripe.Event, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  logger.error({ stripeEvent: event.id, type: event.type, error: message }, "stripe event failed; Stripe will retry");
  try {
    await db.$executeRaw`
      INSERT INTO stripe_events (id, type, created, livemode, payload, attempts, last_error)
      VALUES (${event.id}, ${event.type}, to_timestamp(${event.created}), ${event.livemode}, ${JSON.stringify(event)}::jsonb, 1, ${message})
      ON CONFLICT (id) DO UPDATE SET attempts = stripe_events.attempts + 1, last_error = excluded.last_error
       WHERE stripe_events.processed_at IS NULL`;
  } catch (recordError) {
    logger.error({ stripeEvent: event.id, err: recordError }, "could not record the failed stripe event");
  }
}
