import type { OutgoingRequest } from "../delivery/send-outcome";
import type { DeliveryTarget } from "../integration-types";
import type { HttpResult } from "../network/http-transport";
import { datadogApiKeyHint, datadogOrigin } from "./datadog-sender";
import { SLACK_FIX_HINT } from "./slack-sender";
import { bodySnippet } from "./verdicts";

export interface HealthVerdict {
  healthy: boolean;
  detail: string;
}

/** A request that costs the receiver nothing, and how to read its answer; or why there is none. */
export type HealthCheck =
  { request: OutgoingRequest; judge: (result: HttpResult) => HealthVerdict } | { skipped: string };

const said = (who: string, result: Extract<HttpResult, { ok: true }>) => {
  const snippet = bodySnippet(result, 100);
  return `${who} answered ${result.status}${snippet ? ` ${snippet}` : ""}`;
};

function slackCheck(target: DeliveryTarget<"slack">): HealthCheck {
  return {
    // An empty message: Slack answers 400 no_text without posting anything when the webhook exists.
    request: {
      url: target.secrets.webhook_url,
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    },
    judge: (result) => {
      if (!result.ok) return { healthy: false, detail: result.message };
      if (result.status === 400 || result.status === 200) {
        return { healthy: true, detail: `The webhook exists (${said("Slack", result)} to an empty test message)` };
      }
      if ([403, 404, 410].includes(result.status)) {
        return { healthy: false, detail: `${said("Slack", result)}: the webhook is gone. ${SLACK_FIX_HINT}` };
      }
      return { healthy: false, detail: said("Slack", result) };
    },
  };
}

function datadogCheck(target: DeliveryTarget<"datadog">, serviceOrigin?: string): HealthCheck {
  return {
    request: {
      url: `${datadogOrigin(target, serviceOrigin)}/api/v1/validate`,
      method: "GET",
      headers: { Accept: "application/json", "DD-API-KEY": target.secrets.api_key },
      body: null,
    },
    judge: (result) => {
      if (!result.ok) return { healthy: false, detail: result.message };
      if (result.status === 200)
        return { healthy: true, detail: `Datadog accepted the API key (site ${target.settings.site})` };
      if (result.status === 401 || result.status === 403) return { healthy: false, detail: datadogApiKeyHint(target) };
      return { healthy: false, detail: said("Datadog", result) };
    },
  };
}

const SKIPPED = {
  pagerduty: "PagerDuty has no request that costs nothing; checked by deliveries only",
  sentry: "Sentry has no request that costs nothing; checked by deliveries only",
  webhook: "A webhook receiver has no request that costs nothing; send a test event to check it",
  custom: "A custom endpoint has no request that costs nothing; send a test event to check it",
} as const;

/**
 * The health check of an integration where its service offers a free one: Datadog validates the key,
 * Slack's webhook answers an empty message without posting. `serviceOrigin`: tests and local
 * development only, as for sending.
 */
export function healthCheckFor(target: DeliveryTarget, options: { serviceOrigin?: string } = {}): HealthCheck {
  switch (target.type) {
    case "slack":
      return slackCheck(target as DeliveryTarget<"slack">);
    case "datadog":
      return datadogCheck(target as DeliveryTarget<"datadog">, options.serviceOrigin);
    default:
      return { skipped: SKIPPED[target.type] };
  }
}
