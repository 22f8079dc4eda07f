import type Stripe from "stripe";
import type { PrismaClient } from "../../generated/prisma/client";
import { processStripeEvent, type InboxOutcome } from "./process-stripe-event";

export interface ReplaySummary {
  listed: number;
  outcomes: Record<InboxOutcome | "wrong_mode" | "failed", number>;
}

/**
 * `npm run stripe:replay -- --since <ISO time>`: lists Stripe's events since then (oldest first) and
 * feeds each through the same inbox as the webhook; an event already processed is a duplicate and
 * changes nothing. For outages longer than Stripe's three days of retries.
 */
export async function replayStripeEvents(
  db: PrismaClient,
  stripe: Stripe,
  since: Date,
  livemode: boolean,
): Promise<ReplaySummary> {
  const events: Stripe.Event[] = [];
  for await (const event of stripe.events.list({ created: { gte: Math.floor(since.getTime() / 1000) }, limit: 100 })) {
    events.push(event);
  }
  events.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  const outcomes: ReplaySummary["outcomes"] = {
    applied: 0,
    duplicate: 0,
    stale: 0,
    unhandled: 0,
    no_workspace: 0,
    wrong_mode: 0,
    failed: 0,
  };
  for (const event of events) {
    if (event.livemode !== livemode) {
      outcomes.wrong_mode++;
      continue;
    }
    try {
      outcomes[(await processStripeEvent(db, stripe, event)).outcome]++;
    } catch {
      outcomes.failed++; // recorded on the event's row; a later replay tries again
    }
  }
  return { listed: events.length, outcomes };
}
