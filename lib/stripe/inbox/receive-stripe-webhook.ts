import type Stripe from "stripe";
import { systemDb } from "../../db/prisma";
import { AppError } from "../../errors";
import { getStripe } from "../stripe-client";
import { currentStripeSettings, paymentsOffMessage } from "../stripe-settings";
import { processStripeEvent, type ProcessedEvent } from "./process-stripe-event";

/** Stripe's own tolerance: a signature older than five minutes is refused (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** Stripe's events are far smaller; anything larger is not from Stripe. */
export const MAX_WEBHOOK_BYTES = 1_000_000;

/**
 * The webhook's own gate (it has no user or key: Stripe's signature is its credential): payments
 * must be configured (else 503 naming the variables), the signature must verify on the raw body
 * within 300 s (else 400, nothing stored), and the event's mode must be this deployment's (a test
 * key takes test events only, a live key live ones). Then the inbox applies it once.
 */
export async function receiveStripeWebhook(rawBody: string, signature: string | null): Promise<ProcessedEvent> {
  const settings = currentStripeSettings();
  if (!settings) throw new AppError("service_unavailable", paymentsOffMessage());
  if (Buffer.byteLength(rawBody) > MAX_WEBHOOK_BYTES) {
    throw new AppError("payload_too_large", "A Stripe event is never this large.");
  }
  if (!signature) throw new AppError("invalid_input", "The Stripe-Signature header is missing.");
  const stripe = getStripe();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, settings.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
  } catch {
    throw new AppError(
      "invalid_input",
      "The Stripe signature does not match this endpoint's signing secret, or it is older than 5 minutes.",
    );
  }
  if (event.livemode !== settings.livemode) {
    throw new AppError(
      "invalid_input",
      settings.livemode
        ? "This deployment takes live-mode events only; this one is from test mode."
        : "This deployment takes test-mode events only; this one is from live mode.",
    );
  }
  return processStripeEvent(systemDb(), stripe, event);
}
