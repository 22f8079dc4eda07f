import { DATADOG_SITES, type DeliveryEvent, type DeliveryTarget } from "../integration-types";
import { summarizeEvent } from "./event-summary";
import type { Sender } from "./sender";
import { answered, isRedirect, isSuccess, permanent, redirectMessage, retryable, success } from "./verdicts";

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** The origin of the target's Datadog site, e.g. https://api.datadoghq.eu. */
export const datadogOrigin = (target: DeliveryTarget<"datadog">, serviceOrigin?: string) =>
  serviceOrigin ?? `https://${DATADOG_SITES[target.settings.site] ?? DATADOG_SITES.US1}`;

/** Datadog tags: lower case, letters, digits and `_-:./`, at most 200 characters. */
export const datadogTag = (key: string, value: string) =>
  `${key}:${value
    .toLowerCase()
    .replace(/[^a-z0-9_\-:./]+/g, "_")
    .replace(/^_+|_+$/g, "")}`.slice(0, 200);

function alertType(event: DeliveryEvent): "error" | "warning" | "info" | "success" {
  if (event.type === "alert.resolved") return "success";
  if (event.severity === "critical" || event.severity === "error") return "error";
  return event.severity === "warning" ? "warning" : "info";
}

/** The event text in Datadog's markdown (between `%%%` markers), at most 4,000 characters in all. */
function markdown(event: DeliveryEvent): string {
  const summary = summarizeEvent(event);
  const escape = (value: string) => value.replace(/([\\`*_[\]<>|])/g, "\\$1");
  const fields = summary.fields.map((field) => `- **${escape(field.label)}:** ${escape(field.value)}`);
  const link = `[Open in Agent Observability](${event.link})`;
  const body = [escape(summary.text), ...(fields.length > 0 ? ["", ...fields] : [])].join("\n");
  const frame = (inner: string) => `%%% \n${inner}\n\n${link}\n %%%`;
  return frame(clip(body, 4000 - frame("").length));
}

export function datadogApiKeyHint(target: DeliveryTarget<"datadog">): string {
  const site = target.settings.site;
  return `The API key is invalid for site ${site} (${DATADOG_SITES[site] ?? "unknown"}); check the key, and that the site is the one you sign in to`;
}

/** Datadog Events API v1 (docs/integrations.md, "Datadog"). */
export const datadogSender: Sender<"datadog"> = {
  urlFor: (target, serviceOrigin) => `${datadogOrigin(target, serviceOrigin)}/api/v1/events`,

  buildRequest(target, event, context) {
    const summary = summarizeEvent(event);
    const alertId = typeof event.payload.alertId === "string" && event.payload.alertId ? event.payload.alertId : null;
    const date = Math.floor(Date.parse(event.createdAt) / 1000);
    const body = {
      title: clip(summary.title, 100),
      text: markdown(event),
      alert_type: alertType(event),
      priority: event.severity === "info" ? "low" : "normal",
      tags: [
        datadogTag("event_type", event.type),
        datadogTag("workspace", event.workspaceName),
        datadogTag("workspace_id", event.workspaceId),
        datadogTag("severity", event.severity),
      ],
      // Datadog rolls events with the same key up together: one alert's trigger and resolve.
      aggregation_key: clip(alertId ?? event.type, 100),
      source_type_name: "agent observability",
      ...(Number.isNaN(date) ? {} : { date_happened: date }),
    };
    return {
      url: datadogSender.urlFor(target, context.serviceOrigin),
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "DD-API-KEY": target.secrets.api_key },
      body: JSON.stringify(body),
    };
  },

  judge(response, target) {
    const status = response.status;
    if (isSuccess(status)) return success();
    if (status === 401 || status === 403) return permanent(answered("Datadog", response), datadogApiKeyHint(target));
    if (isRedirect(status)) return retryable(redirectMessage("Datadog", response, datadogSender.urlFor(target)));
    if (status === 429 || status === 408 || status >= 500) return retryable(answered("Datadog", response));
    return permanent(answered("Datadog", response), "Datadog refused the event; contact support if this continues");
  },
};
