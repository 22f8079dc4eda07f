import type { OutgoingRequest, SendOutcome } from "../delivery/send-outcome";
import type { DeliveryEvent, DeliveryTarget, IntegrationType } from "../integration-types";
import { parseRetryAfter, sendHttp, type HttpResponse, type HttpResult } from "../network/http-transport";
import type { Resolver } from "../network/resolver";
import { customSender } from "./custom-sender";
import { datadogSender } from "./datadog-sender";
import { pagerDutySender } from "./pagerduty-sender";
import { SenderSetupError, type Sender, type SendContext } from "./sender";
import { sentrySender } from "./sentry-sender";
import { slackSender } from "./slack-sender";
import { webhookSender } from "./webhook-sender";

export { healthCheckFor, type HealthCheck } from "./health-check";

const SENDERS: { [T in IntegrationType]: Sender<T> } = {
  slack: slackSender,
  pagerduty: pagerDutySender,
  webhook: webhookSender,
  sentry: sentrySender,
  datadog: datadogSender,
  custom: customSender,
};

/** The sender of the target's type. `type` and `settings`/`secrets` match by construction of the target. */
const senderOf = (target: DeliveryTarget) => SENDERS[target.type] as unknown as Sender<IntegrationType>;

export interface SendOptions {
  /** Stable across the retries of one delivery. */
  messageId: string;
  attemptAt: Date;
  /** Development and tests only (docs/integrations.md, "Outgoing network rules"). */
  allowPrivateNetworks: boolean;
  timeoutMs?: number;
  resolve?: Resolver;
  /** Tests and local development only: where PagerDuty and Datadog requests go instead of their real hosts. */
  serviceOrigin?: string;
}

/** Headers in which services name their request, most specific first. */
const REQUEST_ID_HEADERS = [
  "x-pagerduty-request-id",
  "x-slack-req-id",
  "x-sentry-request-id",
  "x-request-id",
  "request-id",
  "x-correlation-id",
];

function requestIdOf(response: HttpResponse): string | null {
  const name = REQUEST_ID_HEADERS.find((header) => response.headers[header]);
  return name ? response.headers[name]!.slice(0, 200) : null;
}

const REFUSED_HINT =
  "Point the integration at a public address: internal and private networks cannot be reached from integrations";

function transportOutcome(result: Extract<HttpResult, { ok: false }>): SendOutcome {
  const base = { httpStatus: null, latencyMs: result.latencyMs, responseExcerpt: null, retryAfterSeconds: null };
  if (result.reason === "refused-address") {
    return { ...base, kind: "permanent", error: result.message, requestId: null, fixHint: REFUSED_HINT };
  }
  return { ...base, kind: "retryable", error: result.message, requestId: null, fixHint: null };
}

/** The URL the target's requests go to: the real host of fixed-host services unless `serviceOrigin` is given. */
export function serviceUrlFor(target: DeliveryTarget, serviceOrigin?: string): string {
  return senderOf(target).urlFor(target, serviceOrigin);
}

/**
 * One delivery attempt: the request in the service's own format, sent under the outgoing network
 * rules, the answer judged in the service's terms. Never throws for the receiver's sake: every
 * failure is an outcome (docs/integrations.md says which is which per type).
 */
export async function sendToIntegration(
  target: DeliveryTarget,
  event: DeliveryEvent,
  options: SendOptions,
): Promise<SendOutcome> {
  const sender = senderOf(target);
  const context: SendContext = {
    messageId: options.messageId,
    attemptAt: options.attemptAt,
    serviceOrigin: options.serviceOrigin,
  };
  let request: OutgoingRequest;
  try {
    request = sender.buildRequest(target, event, context);
  } catch (error) {
    if (!(error instanceof SenderSetupError)) throw error;
    return {
      kind: "permanent",
      httpStatus: null,
      latencyMs: 0,
      error: error.message,
      responseExcerpt: null,
      retryAfterSeconds: null,
      requestId: null,
      fixHint: error.fixHint,
    };
  }
  const result = await sendHttp(request, {
    timeoutMs: options.timeoutMs,
    allowPrivateNetworks: options.allowPrivateNetworks,
    resolve: options.resolve,
  });
  if (!result.ok) return transportOutcome(result);

  const verdict = sender.judge(result, target);
  const retryAfter =
    verdict.retryAfterSeconds !== undefined
      ? verdict.retryAfterSeconds
      : verdict.kind === "retryable"
        ? parseRetryAfter(result.headers["retry-after"], options.attemptAt)
        : null;
  return {
    kind: verdict.kind,
    httpStatus: result.status,
    latencyMs: result.latencyMs,
    error: verdict.error,
    responseExcerpt: result.bodyExcerpt || null,
    retryAfterSeconds: retryAfter,
    requestId: verdict.requestId ?? requestIdOf(result),
    fixHint: verdict.fixHint,
  };
}
