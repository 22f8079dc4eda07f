import type { Severity } from "../events/event-types";
import type { CreateIntegrationInput, UpdateIntegrationInput } from "./integration-schemas";
import {
  DATADOG_SITES,
  type DatadogSite,
  type IntegrationSecrets,
  type IntegrationSettings,
  type IntegrationType,
  type PagerDutySeverity,
} from "./integration-types";

/**
 * How an integration's input becomes its stored form: settings in `config`, secrets in the
 * encrypted credentials — and how a stored one is described without its secret.
 */

export interface StoredForm<T extends IntegrationType = IntegrationType> {
  settings: IntegrationSettings[T];
  secrets: IntegrationSecrets[T];
}

const IDENTITY_MAPPING: Record<Severity, PagerDutySeverity> = {
  info: "info",
  warning: "warning",
  error: "error",
  critical: "critical",
};

export const DEFAULT_BODY_TEMPLATE = `{
  "event": "{{event.type}}",
  "severity": "{{event.severity}}",
  "title": "{{event.title}}",
  "workspace": "{{workspace.name}}",
  "link": "{{link}}",
  "payload": {{event.payload}}
}`;

type Input = CreateIntegrationInput | UpdateIntegrationInput;
type Fields<T extends IntegrationType> = Partial<Extract<Input, { type: T }>>;

/**
 * The stored form after applying `input` to `current` (null when creating). Secrets left out of an
 * update are kept; `signingSecret` is the webhook secret the server generated (never the client's).
 */
export function applyInput(
  input: Input,
  current: StoredForm | null,
  generated: { signingSecret?: string } = {},
): StoredForm {
  const was = (current ?? { settings: {}, secrets: {} }) as { settings: never; secrets: never };
  switch (input.type) {
    case "slack": {
      const i = input as Fields<"slack">;
      const s = was.settings as Partial<IntegrationSettings["slack"]>;
      const k = was.secrets as Partial<IntegrationSecrets["slack"]>;
      return {
        settings: {
          channel: i.channel ?? s.channel ?? "",
          mention_on_critical: i.mentionOnCritical ?? s.mention_on_critical ?? false,
        },
        secrets: { webhook_url: i.webhookUrl ?? k.webhook_url ?? "" },
      };
    }
    case "pagerduty": {
      const i = input as Fields<"pagerduty">;
      const s = was.settings as Partial<IntegrationSettings["pagerduty"]>;
      const k = was.secrets as Partial<IntegrationSecrets["pagerduty"]>;
      return {
        settings: { severity_mapping: { ...IDENTITY_MAPPING, ...s.severity_mapping, ...i.severityMapping } },
        secrets: { routing_key: i.routingKey ?? k.routing_key ?? "" },
      };
    }
    case "webhook": {
      const i = input as Fields<"webhook">;
      const s = was.settings as Partial<IntegrationSettings["webhook"]>;
      const k = was.secrets as Partial<IntegrationSecrets["webhook"]>;
      return {
        settings: { url: i.url ?? s.url ?? "" },
        secrets: { ...k, signing_secret: generated.signingSecret ?? k.signing_secret ?? "" },
      };
    }
    case "sentry": {
      const i = input as Fields<"sentry">;
      const s = was.settings as Partial<IntegrationSettings["sentry"]>;
      const k = was.secrets as Partial<IntegrationSecrets["sentry"]>;
      return {
        settings: { environment: i.environment ?? s.environment ?? "production" },
        secrets: { dsn: i.dsn ?? k.dsn ?? "" },
      };
    }
    case "datadog": {
      const i = input as Fields<"datadog">;
      const s = was.settings as Partial<IntegrationSettings["datadog"]>;
      const k = was.secrets as Partial<IntegrationSecrets["datadog"]>;
      return {
        settings: { site: i.site ?? s.site ?? "US1" },
        secrets: { api_key: i.apiKey ?? k.api_key ?? "" },
      };
    }
    case "custom": {
      const i = input as Fields<"custom">;
      const s = was.settings as Partial<IntegrationSettings["custom"]>;
      const k = was.secrets as Partial<IntegrationSecrets["custom"]>;
      const headers = i.headers ? Object.fromEntries(i.headers.map((h) => [h.name, h.value])) : (k.headers ?? {});
      return {
        settings: {
          url: i.url ?? s.url ?? "",
          method: i.method ?? s.method ?? "POST",
          header_names: Object.keys(headers),
          body_template: i.bodyTemplate ?? s.body_template ?? DEFAULT_BODY_TEMPLATE,
        },
        secrets: { headers },
      };
    }
  }
}

/** The URLs an integration sends to (checked at save time), or none for fixed-host services. */
export function destinationUrlsOf(type: IntegrationType, form: StoredForm): { field: string; url: string }[] {
  switch (type) {
    case "slack":
      return [{ field: "webhookUrl", url: (form.secrets as IntegrationSecrets["slack"]).webhook_url }];
    case "webhook":
      return [{ field: "url", url: (form.settings as IntegrationSettings["webhook"]).url }];
    case "custom":
      return [{ field: "url", url: (form.settings as IntegrationSettings["custom"]).url }];
    case "sentry":
      return [{ field: "dsn", url: (form.secrets as IntegrationSecrets["sentry"]).dsn.replace(/\/\/[^@/]*@/, "//") }];
    default:
      return [];
  }
}

const tail = (value: string, n = 4) => (value.length > n ? value.slice(-n) : "");

/** A masked hint of the secret, safe to show to every member ("whsec_…a1b2"). */
export function secretHintOf(type: IntegrationType, secrets: StoredForm["secrets"]): string | null {
  switch (type) {
    case "slack": {
      const url = (secrets as IntegrationSecrets["slack"]).webhook_url;
      return URL.canParse(url) ? `${new URL(url).host}/…${tail(url)}` : null;
    }
    case "pagerduty":
      return `routing key …${tail((secrets as IntegrationSecrets["pagerduty"]).routing_key)}`;
    case "webhook":
      return `whsec_…${tail((secrets as IntegrationSecrets["webhook"]).signing_secret)}`;
    case "sentry": {
      const dsn = (secrets as IntegrationSecrets["sentry"]).dsn;
      return URL.canParse(dsn) ? `${new URL(dsn).host} · project ${new URL(dsn).pathname.split("/").pop()}` : null;
    }
    case "datadog":
      return `API key …${tail((secrets as IntegrationSecrets["datadog"]).api_key)}`;
    case "custom": {
      const names = Object.keys((secrets as IntegrationSecrets["custom"]).headers);
      return names.length ? `${names.length} secret header${names.length === 1 ? "" : "s"}: ${names.join(", ")}` : null;
    }
  }
}

/** Where it delivers, in words, without a secret: "#agent-alerts (hooks.slack.com)", "Datadog EU". */
export function destinationOf(type: string, config: Record<string, unknown>, secretHint: string | null): string {
  const host = (url: unknown) => (typeof url === "string" && URL.canParse(url) ? new URL(url).host : "—");
  switch (type) {
    case "slack": {
      const channel = typeof config.channel === "string" && config.channel ? config.channel : "Slack channel";
      return `${channel} (${secretHint?.split("/")[0] ?? "hooks.slack.com"})`;
    }
    case "pagerduty":
      return "PagerDuty Events API v2";
    case "webhook":
    case "custom":
      return host(config.url);
    case "sentry":
      return `Sentry${secretHint ? ` (${secretHint})` : ""}`;
    case "datadog": {
      const site = (config.site as DatadogSite) ?? "US1";
      return `Datadog ${site} (${DATADOG_SITES[site] ?? "?"})`;
    }
    default:
      return "—";
  }
}
