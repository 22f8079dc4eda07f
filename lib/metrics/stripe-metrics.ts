import { Counter } from "prom-client";
import { isHandledStripeEvent } from "../stripe/inbox/handled-events";
import type { InboxOutcome } from "../stripe/inbox/process-stripe-event";
import { sharedMetric } from "./registry";

/** What became of a webhook request: the inbox's outcome, or why it was refused or failed. */
export type StripeWebhookResult = InboxOutcome | "failed" | "bad_signature" | "wrong_mode";

const events = sharedMetric(
  "settings_stripe_webhook_events_total",
  (registers) =>
    new Counter({
      name: "settings_stripe_webhook_events_total",
      help:
        "Stripe webhook requests by event type (the types the inbox handles; other: any other type; unverified: " +
        "no valid signature) and result (applied, duplicate, stale, unhandled, no_workspace, failed, bad_signature, wrong_mode).",
      labelNames: ["type", "result"] as const,
      registers,
    }),
);

/** Counts one webhook request; `type` is the event's type, null when its signature did not verify. */
export function countStripeWebhook(type: string | null, result: StripeWebhookResult): void {
  events.inc({ type: type === null ? "unverified" : isHandledStripeEvent(type) ? type : "other", result });
}

/** Counts the processing of a verified event by what it came to, or `failed` when it threw. */
export async function observedStripeEvent<T extends { outcome: InboxOutcome }>(
  type: string,
  process: () => Promise<T>,
): Promise<T> {
  try {
    const processed = await process();
    countStripeWebhook(type, processed.outcome);
    return processed;
  } catch (error) {
    countStripeWebhook(type, "failed");
    throw error;
  }
}
