import { describe, expect, it } from "vitest";
import { INTEGRATION_TYPES, type IntegrationType } from "@/lib/integrations/integration-types";
import type { IntegrationView } from "@/lib/integrations/list-integrations";
import { formatErrorRate, pausedBanner, secretLine, subscriptionOf, testOutcomeLine } from "./integration-display";
import { cleaned, initialValues, isFormField, schemaFor, type IntegrationFormValues } from "./integration-form-values";

// The forms hold exactly the fields of each type's (strict) schema: what they start with, once
// filled in, is what the actions accept — on create and on edit, for every type.

const WORKSPACE = "00000000-0000-0000-0000-000000000001";
const INTEGRATION = "11111111-1111-4111-8111-111111111111";

const REQUIRED: Record<IntegrationType, Partial<IntegrationFormValues>> = {
  slack: { webhookUrl: "https://hooks.slack.com/services/T0/B0/x" },
  pagerduty: { routingKey: "a".repeat(32) },
  webhook: { url: "https://hooks.example.com/in" },
  sentry: { dsn: "https://abc123@o1.ingest.sentry.io/42" },
  datadog: { apiKey: "f".repeat(32) },
  custom: { url: "https://ingest.example.com/events", headers: [{ name: "Authorization", value: "Bearer x" }] },
};

function view(type: IntegrationType, settings: Record<string, unknown>): IntegrationView {
  return {
    id: INTEGRATION,
    type,
    name: "Existing",
    isEnabled: true,
    healthStatus: "healthy",
    healthDetail: null,
    lastHealthCheckAt: null,
    lastErrorMessage: null,
    lastErrorAt: null,
    consecutiveFailures: 0,
    totalEventsSent: 0,
    totalErrors: 0,
    destination: "somewhere",
    settings,
    eventFilters: { event_types: ["alert.triggered"], min_severity: "warning" },
    rateLimitPerMinute: 120,
    retryConfig: { max_retries: 5, backoff_seconds: 10 },
    hasCredentials: true,
    secretHint: "whsec_…a1b2",
    paused: null,
    lastDeliveryAt: null,
    last24h: { attempts: 0, failures: 0, errorRate: null, p95LatencyMs: null },
    createdAt: new Date().toISOString(),
  };
}

const STORED: Record<IntegrationType, Record<string, unknown>> = {
  slack: { channel: "#alerts", mention_on_critical: true },
  pagerduty: { severity_mapping: { info: "info", warning: "warning", error: "error", critical: "critical" } },
  webhook: { url: "https://hooks.example.com/in?…" },
  sentry: { environment: "staging" },
  datadog: { site: "EU" },
  custom: {
    url: "https://ingest.example.com/events",
    method: "PUT",
    header_names: ["Authorization"],
    body_template: "{}",
  },
};

describe("integration form values", () => {
  it.each(INTEGRATION_TYPES)("%s: a new form, filled in, is valid input for createIntegration", (type) => {
    const values = { ...initialValues(type, WORKSPACE, null), name: "New one", ...REQUIRED[type] };
    const parsed = schemaFor(type, "create").safeParse(cleaned(values, "create"));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it.each(INTEGRATION_TYPES)(
    "%s: an edit form left as it is keeps the secret and is valid for updateIntegration",
    (type) => {
      const values = initialValues(type, WORKSPACE, view(type, STORED[type]));
      const input = cleaned(values, "edit");
      for (const secret of ["webhookUrl", "routingKey", "dsn", "apiKey", "headers"])
        expect(input[secret]).toBeUndefined();
      const parsed = schemaFor(type, "edit").safeParse(input);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(parsed.data).toMatchObject({
        integrationId: INTEGRATION,
        name: "Existing",
        eventFilters: { event_types: ["alert.triggered"], min_severity: "warning" },
        retryConfig: { max_retries: 5, backoff_seconds: 10 },
      });
    },
  );

  it("a masked URL is never put back: the edit form leaves it empty, which keeps it", () => {
    expect(initialValues("webhook", WORKSPACE, view("webhook", STORED.webhook)).url).toBe("");
    expect(initialValues("custom", WORKSPACE, view("custom", STORED.custom)).url).toBe(
      "https://ingest.example.com/events",
    );
  });

  it("says how to fix each field, as the schema words it", () => {
    const values = { ...initialValues("webhook", WORKSPACE, null), url: "ftp://files.example.com" };
    const parsed = schemaFor("webhook", "create").safeParse(cleaned(values, "create"));
    const messages = Object.fromEntries(parsed.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages.name).toMatch(/Give the integration a name/);
    expect(messages.url).toMatch(/must start with https:\/\//);
  });

  it("knows which server field errors belong to the form", () => {
    expect(isFormField("url", "webhook")).toBe(true);
    expect(isFormField("headers.0.name", "custom")).toBe(true);
    expect(isFormField("retryConfig.max_retries", "slack")).toBe(true);
    expect(isFormField("type", "slack")).toBe(false);
    expect(isFormField("url", "slack")).toBe(false);
  });
});

describe("integration card sentences", () => {
  it("names the subscription, the error rate and the test outcome", () => {
    expect(subscriptionOf({ event_types: [], min_severity: "warning" })).toEqual({
      events: "All events",
      severity: "severity ≥ warning",
    });
    expect(formatErrorRate(null)).toBe("—");
    expect(formatErrorRate(0.0213)).toBe("2.1%");
    expect(formatErrorRate(0.5)).toBe("50%");
    expect(testOutcomeLine({ delivered: true, httpStatus: 200, latencyMs: 43 })).toBe("Delivered · HTTP 200 · 43 ms");
    expect(testOutcomeLine({ delivered: false, httpStatus: null, latencyMs: 10_000 })).toBe(
      "Failed · no HTTP answer · 10,000 ms",
    );
  });

  it("never prints the whsec_ prefix, and tells a paused integration's fix by who may act", () => {
    expect(secretLine({ type: "webhook", secretHint: "whsec_…a1b2", hasCredentials: true })).toBe(
      "Signing secret …a1b2",
    );
    const gone = { by: "gone" as const, reason: null, at: null };
    const answered = "The receiver answered 410 Gone: it no longer accepts these events";
    expect(pausedBanner(gone, answered, true)).toMatchObject({
      title: `Paused: ${answered}.`,
      fix: "Edit the destination to one that accepts events. Then turn it on.",
    });
    const hinted = { ...gone, reason: "Update the URL to the receiver's new address, or delete the integration" };
    expect(pausedBanner(hinted, answered, true).fix).toBe(
      "Update the URL to the receiver's new address, or delete the integration. Then turn it on.",
    );
    expect(pausedBanner(gone, answered, false).fix).toMatch(/An owner or admin/);
  });
});
