import type { DeliveryEvent, PagerDutySeverity } from "../integration-types";
import type { Severity } from "../../events/publish-event";
import { summarizeEvent } from "./event-summary";
import type { Sender } from "./sender";
import { answered, isRedirect, isSuccess, permanent, redirectMessage, retryable, success } from "./verdicts";

export const PAGERDUTY_ORIGIN = "https://events.pagerduty.com";

const DEFAULT_MAPPING: Record<Severity, PagerDutySeverity> = {
  info: "info",
  warning: "warning",
  error: "error",
  critical: "critical",
};

const ROUTING_KEY_HINT =
  "Check the integration key: in PagerDuty, open the service's Integrations tab and copy the Events API v2 integration key";

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/**
 * Follows one alert from trigger to resolve: PagerDuty resolves the incident whose dedup key
 * matches. Other events get a key of their own, so a retry never opens a second incident.
 */
export function dedupKeyOf(event: DeliveryEvent): string {
  const alertId = event.payload.alertId;
  const isAlert = event.type === "alert.triggered" || event.type === "alert.resolved";
  return clip(isAlert && typeof alertId === "string" && alertId ? alertId : `${event.type}:${event.id}`, 255);
}

/** PagerDuty's error body: `{"status":"invalid event","message":"Event object is invalid","errors":["…"]}`. */
function pagerDutyMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; errors?: unknown };
    const errors = Array.isArray(parsed.errors) ? parsed.errors.filter((e) => typeof e === "string") : [];
    const message = typeof parsed.message === "string" ? parsed.message : null;
    return [message, ...errors].filter(Boolean).join("; ") || null;
  } catch {
    return null;
  }
}

const urlFor = (serviceOrigin?: string) => `${serviceOrigin ?? PAGERDUTY_ORIGIN}/v2/enqueue`;

/** PagerDuty Events API v2 (docs/integrations.md, "PagerDuty"). */
export const pagerDutySender: Sender<"pagerduty"> = {
  urlFor: (_target, serviceOrigin) => urlFor(serviceOrigin),

  buildRequest(target, event, context) {
    const routing = { routing_key: target.secrets.routing_key, dedup_key: dedupKeyOf(event) };
    const headers = { "Content-Type": "application/json" };
    const url = urlFor(context.serviceOrigin);
    if (event.type === "alert.resolved") {
      const body = { routing_key: routing.routing_key, event_action: "resolve", dedup_key: routing.dedup_key };
      return { url, method: "POST", headers, body: JSON.stringify(body) };
    }
    const summary = summarizeEvent(event);
    const component = event.payload.component;
    const body = {
      routing_key: routing.routing_key,
      event_action: "trigger",
      dedup_key: routing.dedup_key,
      payload: {
        summary: clip(summary.title, 1024),
        source: clip(`Agent Observability: ${event.workspaceName}`, 255),
        severity: target.settings.severity_mapping[event.severity] ?? DEFAULT_MAPPING[event.severity],
        timestamp: event.createdAt,
        ...(typeof component === "string" && component ? { component: clip(component, 255) } : {}),
        class: event.type,
        custom_details: {
          text: summary.text,
          event_id: event.id,
          event_type: event.type,
          workspace: event.workspaceName,
          ...event.payload,
        },
      },
      client: "Agent Observability",
      ...(/^https?:\/\//.test(event.link)
        ? { links: [{ href: event.link, text: "Open in Agent Observability" }], client_url: event.link }
        : {}),
    };
    return { url, method: "POST", headers, body: JSON.stringify(body) };
  },

  judge(response) {
    const status = response.status;
    if (isSuccess(status)) return success();
    if (status === 400) {
      const reason = pagerDutyMessage(response.bodyExcerpt) ?? `HTTP ${status}`;
      return permanent(`PagerDuty refused the event: ${reason}`, ROUTING_KEY_HINT);
    }
    if (isRedirect(status)) return retryable(redirectMessage("PagerDuty", response, urlFor()));
    if (status === 429 || status === 408 || status >= 500) return retryable(answered("PagerDuty", response));
    return permanent(answered("PagerDuty", response), ROUTING_KEY_HINT);
  },
};
