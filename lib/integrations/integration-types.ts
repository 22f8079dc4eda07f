import type { EventType, Severity } from "../events/event-types";

/**
 * The six integration types and what each stores (docs/integrations.md). Settings live in
 * `integrations_config.config` (visible to every member); secrets only in `credentials_encrypted`
 * (AES-256-GCM, lib/crypto). Stored JSON keys are snake_case, as the sample data has them.
 */
export const INTEGRATION_TYPES = ["slack", "pagerduty", "webhook", "sentry", "datadog", "custom"] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

export const SEVERITIES = ["info", "warning", "error", "critical"] as const satisfies readonly Severity[];

/** Datadog sites and the host of each one's API. */
export const DATADOG_SITES = {
  US1: "api.datadoghq.com",
  US3: "api.us3.datadoghq.com",
  US5: "api.us5.datadoghq.com",
  EU: "api.datadoghq.eu",
  AP1: "api.ap1.datadoghq.com",
  AP2: "api.ap2.datadoghq.com",
} as const;
export type DatadogSite = keyof typeof DATADOG_SITES;

export const PAGERDUTY_SEVERITIES = ["critical", "error", "warning", "info"] as const;
export type PagerDutySeverity = (typeof PAGERDUTY_SEVERITIES)[number];

export const CUSTOM_METHODS = ["POST", "PUT", "PATCH"] as const;

/** Non-secret settings per type (`config`). */
export interface IntegrationSettings {
  slack: { channel: string; mention_on_critical: boolean };
  pagerduty: { severity_mapping: Record<Severity, PagerDutySeverity> };
  webhook: { url: string };
  sentry: { environment: string };
  datadog: { site: DatadogSite };
  custom: {
    url: string;
    method: (typeof CUSTOM_METHODS)[number];
    /** Names of the secret headers (their values are in the credentials). */
    header_names: string[];
    body_template: string;
  };
}

/** Secrets per type (the decrypted `credentials_encrypted`, a JSON object). */
export interface IntegrationSecrets {
  slack: { webhook_url: string };
  pagerduty: { routing_key: string };
  webhook: {
    signing_secret: string;
    /** After a rotation: the previous secret, still used to sign until `previous_expires_at` (24 h). */
    previous_signing_secret?: string;
    previous_expires_at?: string;
  };
  sentry: { dsn: string };
  datadog: { api_key: string };
  custom: { headers: Record<string, string> };
}

/** `event_filters`: which events an integration receives. An empty list means every type. */
export interface EventFilters {
  event_types: EventType[];
  min_severity: Severity;
}

/** What a sender is given: one integration, decrypted, ready to send to. */
export interface DeliveryTarget<T extends IntegrationType = IntegrationType> {
  integrationId: string;
  workspaceId: string;
  type: T;
  name: string;
  settings: IntegrationSettings[T];
  secrets: IntegrationSecrets[T];
}

/** One event from the outbox, as senders see it. */
export interface DeliveryEvent {
  /** The outbox row's id. */
  id: string;
  type: EventType;
  severity: Severity;
  workspaceId: string;
  workspaceName: string;
  /** ISO 8601. */
  createdAt: string;
  payload: Record<string, unknown>;
  /** Link back to the workspace in the app (the Slack message's button, say). */
  link: string;
}
