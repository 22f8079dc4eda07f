import type { FieldValues, Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { createIntegrationSchema, updateIntegrationShapes } from "@/lib/integrations/integration-schemas";
import { DEFAULT_BODY_TEMPLATE } from "@/lib/integrations/integration-record";
import { SEVERITIES, type IntegrationType } from "@/lib/integrations/integration-types";
import type { IntegrationView } from "@/lib/integrations/list-integrations";

/**
 * What the add and edit forms hold: exactly the fields of the type's schema (the schemas are
 * strict), so the values react-hook-form validates are the action's input.
 */
export interface IntegrationFormValues extends FieldValues {
  type: IntegrationType;
  workspaceId: string;
  integrationId?: string;
  name: string;
  eventFilters: { event_types: string[]; min_severity: string };
  rateLimitPerMinute: number;
  retryConfig: { max_retries: number; backoff_seconds: number };
  webhookUrl?: string;
  channel?: string;
  mentionOnCritical?: boolean;
  routingKey?: string;
  severityMapping?: Record<string, string>;
  url?: string;
  dsn?: string;
  environment?: string;
  apiKey?: string;
  site?: string;
  method?: string;
  headers?: { name: string; value: string }[];
  bodyTemplate?: string;
}

export type FormMode = "create" | "edit";

/**
 * The type's object schema: `createIntegrationSchema.options` (zod 4 discriminated union), and for
 * edits `updateIntegrationShapes.options` (the edit form always sends the name, so the update
 * schema's "at least one change" holds).
 */
export function schemaFor(type: IntegrationType, mode: FormMode): z.ZodType {
  const union = mode === "create" ? createIntegrationSchema : updateIntegrationShapes;
  const option = union.options.find((o) => o.shape.type.value === type);
  if (!option) throw new Error(`no schema for ${type}`);
  return option;
}

/** Fields that hold a secret (never shown again; empty on edit = keep). */
export const SECRET_FIELDS = ["webhookUrl", "routingKey", "dsn", "apiKey"] as const;

/**
 * Blank inputs that mean "not given": on edit, a secret left empty keeps the stored one (and a
 * masked URL left empty keeps the URL); an empty environment or body template takes the default.
 */
export function cleaned(values: IntegrationFormValues, mode: FormMode): IntegrationFormValues {
  const out: Record<string, unknown> = { ...values };
  const blank = (key: string) => typeof out[key] === "string" && (out[key] as string).trim() === "";
  for (const key of ["environment", "bodyTemplate"]) if (blank(key)) out[key] = undefined;
  if (mode === "edit") {
    for (const key of [...SECRET_FIELDS, "url"]) if (blank(key)) out[key] = undefined;
    if (Array.isArray(out.headers) && out.headers.length === 0) out.headers = undefined;
  }
  if (typeof out.rateLimitPerMinute === "number" && Number.isNaN(out.rateLimitPerMinute)) {
    out.rateLimitPerMinute = undefined;
  }
  return out as IntegrationFormValues;
}

/** zodResolver on the type's schema, given the cleaned values: errors carry the schema's messages. */
export function integrationResolver(type: IntegrationType, mode: FormMode): Resolver<IntegrationFormValues> {
  const resolve = zodResolver(schemaFor(type, mode) as never) as unknown as Resolver<IntegrationFormValues>;
  return (values, context, options) => resolve(cleaned(values, mode), context, options);
}

/** A URL the list shows masked ("https://host/path?…") cannot be put back in the form. */
export const isMaskedUrl = (value: unknown): boolean => typeof value === "string" && value.includes("?…");

const str = (value: unknown, fallback = "") => (typeof value === "string" ? value : fallback);

/** The form's starting values: a new integration of `type`, or `current`'s non-secret settings. */
export function initialValues(
  type: IntegrationType,
  workspaceId: string,
  current: IntegrationView | null,
): IntegrationFormValues {
  const s = current?.settings ?? {};
  const common: IntegrationFormValues = {
    type,
    workspaceId,
    ...(current ? { integrationId: current.id } : {}),
    name: current?.name ?? "",
    eventFilters: {
      event_types: current?.eventFilters.event_types ?? [],
      min_severity: current?.eventFilters.min_severity ?? "info",
    },
    rateLimitPerMinute: current?.rateLimitPerMinute ?? 60,
    retryConfig: {
      max_retries: current?.retryConfig.max_retries ?? 3,
      backoff_seconds: current?.retryConfig.backoff_seconds ?? 30,
    },
  };
  switch (type) {
    case "slack":
      return { ...common, webhookUrl: "", channel: str(s.channel), mentionOnCritical: s.mention_on_critical === true };
    case "pagerduty": {
      const mapping = (s.severity_mapping ?? {}) as Record<string, string>;
      return {
        ...common,
        routingKey: "",
        severityMapping: Object.fromEntries(SEVERITIES.map((sev) => [sev, mapping[sev] ?? sev])),
      };
    }
    case "webhook":
      return { ...common, url: isMaskedUrl(s.url) ? "" : str(s.url) };
    case "sentry":
      return { ...common, dsn: "", environment: str(s.environment, "production") };
    case "datadog":
      return { ...common, apiKey: "", site: str(s.site, "US1") };
    case "custom":
      return {
        ...common,
        url: isMaskedUrl(s.url) ? "" : str(s.url),
        method: str(s.method, "POST"),
        headers: [],
        bodyTemplate: str(s.body_template, DEFAULT_BODY_TEMPLATE),
      };
  }
}

/** The first segment of each field path the form shows; server errors elsewhere are shown above the form. */
export function isFormField(path: string, type: IntegrationType): boolean {
  const head = path.split(".")[0]!;
  const typeFields: Record<IntegrationType, string[]> = {
    slack: ["webhookUrl", "channel", "mentionOnCritical"],
    pagerduty: ["routingKey", "severityMapping"],
    webhook: ["url"],
    sentry: ["dsn", "environment"],
    datadog: ["apiKey", "site"],
    custom: ["url", "method", "headers", "bodyTemplate"],
  };
  return ["name", "eventFilters", "rateLimitPerMinute", "retryConfig", ...typeFields[type]].includes(head);
}

/** The custom sender's template variables (docs/integrations.md, "Custom HTTP"). */
export const TEMPLATE_VARIABLES = [
  ["{{event.id}}", "the event's id"],
  ["{{event.type}}", "e.g. alert.triggered"],
  ["{{event.severity}}", "info, warning, error or critical"],
  ["{{event.created_at}}", "ISO 8601"],
  ["{{event.title}}", "a one-line summary"],
  ["{{event.text}}", "a sentence or two"],
  ["{{event.payload}}", "the event's data as a JSON object, not quoted"],
  ["{{workspace.id}}", "the workspace's id"],
  ["{{workspace.name}}", "the workspace's name"],
  ["{{link}}", "a link to the workspace in the app"],
] as const;
