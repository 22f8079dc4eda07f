import type { DeliveryEvent, DeliveryTarget, IntegrationType } from "../integration-types";
import type { OutgoingRequest, SendOutcome } from "../delivery/send-outcome";
import type { HttpResponse } from "../network/http-transport";

/** What a sender needs besides the integration and the event. */
export interface SendContext {
  /** Stable across the retries of one delivery (the Standard Webhooks `webhook-id`, Sentry's event id). */
  messageId: string;
  /** When this attempt is made (signature timestamps, which signing secrets are still valid). */
  attemptAt: Date;
  /** Tests and local development only: replaces the origin of fixed-host services (PagerDuty, Datadog). */
  serviceOrigin?: string;
}

/** A sender's reading of an answer, in its service's terms; the registry adds status, latency and excerpt. */
export interface Verdict {
  kind: SendOutcome["kind"];
  error: string | null;
  fixHint: string | null;
  /** When the service says when to retry in its own way (Sentry's rate-limit header); else Retry-After is read. */
  retryAfterSeconds?: number | null;
  /** When the service names the request in its body (Sentry's event id); else the usual headers are read. */
  requestId?: string | null;
}

/** One service: how to ask it, and how to read its answer. */
export interface Sender<T extends IntegrationType> {
  /** The URL requests go to (the real host unless `serviceOrigin` replaces it). */
  urlFor: (target: DeliveryTarget<T>, serviceOrigin?: string) => string;
  buildRequest: (target: DeliveryTarget<T>, event: DeliveryEvent, context: SendContext) => OutgoingRequest;
  judge: (response: HttpResponse, target: DeliveryTarget<T>) => Verdict;
}

/**
 * The integration's stored settings cannot make a request (a DSN that does not parse, a header name
 * HTTP refuses): the delivery fails permanently with `fixHint` and nothing is sent.
 */
export class SenderSetupError extends Error {
  constructor(
    message: string,
    readonly fixHint: string,
  ) {
    super(message);
    this.name = "SenderSetupError";
  }
}
