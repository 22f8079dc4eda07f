import { createHash } from "node:crypto";
import type { DeliveryEvent, DeliveryTarget } from "../integration-types";
import type { Severity } from "../../events/publish-event";
import type { HttpResponse } from "../network/http-transport";
import { summarizeEvent } from "./event-summary";
import { SenderSetupError, type Sender, type SendContext } from "./sender";
import { envelopeUrlOf, parseSentryDsn, type SentryDsn } from "./sentry-dsn";
import { answered, isRedirect, isSuccess, permanent, redirectMessage, retryable, success } from "./verdicts";

export { parseSentryDsn } from "./sentry-dsn";

/** Sentry refuses an event item over 1 MB; ours stays well under by cutting `extra` first. */
export const MAX_SENTRY_EVENT_BYTES = 1_000_000;

const LEVELS: Record<Severity, string> = { info: "info", warning: "warning", error: "error", critical: "fatal" };

const DSN_HINT = "Check the DSN: copy it again from Sentry (Project Settings → Client Keys (DSN))";

/** Tag values are limited to 200 characters. */
const tag = (value: string) => (value.length > 200 ? value.slice(0, 200) : value);

/**
 * 32 hex digits derived from the delivery's message id, the same on every retry, so Sentry drops
 * a duplicate when an earlier attempt did get through.
 */
export const sentryEventId = (messageId: string) => createHash("sha256").update(messageId).digest("hex").slice(0, 32);

function dsnOf(target: DeliveryTarget<"sentry">): SentryDsn {
  const dsn = parseSentryDsn(target.secrets.dsn);
  if (!dsn) throw new SenderSetupError("The Sentry DSN is not valid", DSN_HINT);
  return dsn;
}

function eventJson(target: DeliveryTarget<"sentry">, event: DeliveryEvent, eventId: string): string {
  const summary = summarizeEvent(event);
  const alertId = typeof event.payload.alertId === "string" ? event.payload.alertId : null;
  const build = (extra: Record<string, unknown>) =>
    JSON.stringify({
      event_id: eventId,
      timestamp: event.createdAt,
      platform: "other",
      logger: "agent-observability",
      level: LEVELS[event.severity] ?? "error",
      message: { formatted: summary.title },
      environment: target.settings.environment || undefined,
      // One issue per alert, trigger and resolve together; other events group by type.
      fingerprint: ["agent-observability", alertId ?? event.type],
      tags: { event_type: event.type, workspace: tag(event.workspaceName), severity: event.severity },
      extra,
    });
  const full = build({ text: summary.text, link: event.link, event_id: event.id, payload: event.payload });
  if (Buffer.byteLength(full) <= MAX_SENTRY_EVENT_BYTES) return full;
  return build({ text: summary.text, link: event.link, event_id: event.id, payload: { truncated: true } });
}

/**
 * An envelope of one event item: a header line, the item's header (its byte length), the event
 * (https://develop.sentry.dev/sdk/data-model/envelopes/).
 */
function envelope(target: DeliveryTarget<"sentry">, event: DeliveryEvent, context: SendContext): string {
  const eventId = sentryEventId(context.messageId);
  const item = eventJson(target, event, eventId);
  return [
    JSON.stringify({ event_id: eventId, sent_at: context.attemptAt.toISOString(), dsn: target.secrets.dsn.trim() }),
    JSON.stringify({ type: "event", length: Buffer.byteLength(item), content_type: "application/json" }),
    item,
  ].join("\n");
}

/**
 * Seconds to wait from `X-Sentry-Rate-Limits` ("60:error;default:organization, 2700::project"): the
 * longest limit that covers events (categories `error`, `default`, or all).
 */
export function sentryRateLimitSeconds(value: string | undefined): number | null {
  if (!value) return null;
  const waits = value.split(",").flatMap((limit) => {
    const [seconds = "", categories = ""] = limit.trim().split(":");
    const covers = categories === "" || categories.split(";").some((c) => c === "error" || c === "default");
    return covers && /^\d+$/.test(seconds) ? [Number(seconds)] : [];
  });
  return waits.length > 0 ? Math.max(...waits) : null;
}

function eventIdOf(response: HttpResponse): string | null {
  try {
    const id = (JSON.parse(response.bodyExcerpt) as { id?: unknown }).id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}

/** Sentry's envelope endpoint (docs/integrations.md, "Sentry"). */
export const sentrySender: Sender<"sentry"> = {
  /** "" when the DSN does not parse (sending then fails permanently with the DSN hint). */
  urlFor: (target) => {
    const dsn = parseSentryDsn(target.secrets.dsn);
    return dsn ? envelopeUrlOf(dsn) : "";
  },

  buildRequest(target, event, context) {
    const dsn = dsnOf(target);
    return {
      url: envelopeUrlOf(dsn),
      method: "POST",
      headers: {
        "Content-Type": "application/x-sentry-envelope",
        "X-Sentry-Auth": `Sentry sentry_version=7, sentry_key=${dsn.publicKey}, sentry_client=agent-observability/1.0`,
      },
      body: envelope(target, event, context),
    };
  },

  judge(response, target) {
    const status = response.status;
    if (isSuccess(status)) return { ...success(), requestId: eventIdOf(response) };
    if (status === 429) {
      const retryAfterSeconds = sentryRateLimitSeconds(response.headers["x-sentry-rate-limits"]);
      return {
        ...retryable(answered("Sentry", response)),
        ...(retryAfterSeconds === null ? {} : { retryAfterSeconds }),
      };
    }
    if (status === 401 || status === 403 || status === 404) return permanent(answered("Sentry", response), DSN_HINT);
    if (status === 400 || status === 413) {
      return permanent(answered("Sentry", response), "Sentry refused the event; contact support if this continues");
    }
    if (isRedirect(status)) return retryable(redirectMessage("Sentry", response, sentrySender.urlFor(target)));
    return retryable(answered("Sentry", response));
  },
};
