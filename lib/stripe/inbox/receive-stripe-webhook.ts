import type Stripe from "stripe";
import { systemDb } from "../../db/prisma";
import { readBodyText } from "../../access/read-json-body";
import { AppError } from "../../errors";
import { countStripeWebhook, observedStripeEvent } from "../../metrics/stripe-metrics";
import { getStripe } from "../stripe-client";
import { currentStripeSettings, paymentsOffMessage } from "../stripe-settings";
import { processStripeEvent, type ProcessedEvent } from "./process-stripe-event";

/** Stripe's own tolerance: a signature older than five minutes is refused (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** Stripe's events are far smaller; anything larger is not from Stripe. */
export const MAX_WEBHOOK_BYTES = 1_048_576;

/**
 * The webhook's own gate (it has no user or key: Stripe's signature is its credential): payments
 * must be configured (else 503 naming the variables), the signature must verify on the raw body
 * within 300 s (else 400, nothing stored), and the event's mode must be this deployment's (a test
 * key takes test events only, a live key live ones). Then the inbox applies it once.
 */
export async function receiveStripeWebhook(request: Request): Promise<ProcessedEvent> {
  const settings = currentStripeSettings();
  if (!settings) throw new AppError("service_unavailable", paymentsOffMessage());
  const rawBody = await readBodyText(request, MAX_WEBHOOK_BYTES);
  const signature = request.headers.get("stripe-signature");
  if (!signature) throw signatureRefused("The Stripe-Signature header is missing.");
  const stripe = getStripe();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, settings.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
  } catch {
    throw signatureRefused(
      "The Stripe signature does not match this endpoint's signing secret, or it is older than 5 minutes.",
    );
  }
  if (event.livemode !== settings.livemode) {
    countStripeWebhook(event.type, "wrong_mode");
    const message = settings.livemode
      ? "This deployment takes live-mode events only; this one is from test mode."
      : "This deployment takes test-mode events only; this one is from live mode.";
    throw new AppError("invalid_input", message, { fieldErrors: { livemode: [message] } });
  }
  return observedStripeEvent(event.type, () => processStripeEvent(systemDb(), stripe, event));
}

function signatureRefused(message: string): AppError {
  countStripeWebhook(null, "bad_signature");
  return new AppError("invalid_input", message, { fieldErrors: { "Stripe-Signature": [message] } });
}
