import { z } from "zod";
import { workspaceIdSchema } from "../access/ids";
import { pageQueryShape } from "../api/page-query";
import { EVENT_TYPES } from "../events/event-types";
import { plainText } from "../validation/plain-text";
import { CUSTOM_METHODS, DATADOG_SITES, PAGERDUTY_SEVERITIES, SEVERITIES, type DatadogSite } from "./integration-types";

/**
 * Inputs of the integration actions, one schema per input, shared by the forms (react-hook-form's
 * zod resolver), the server actions and the REST handlers. Secrets are accepted here and never
 * returned. What zod cannot know (where a host resolves to) is checked on the server at save time
 * (lib/integrations/check-destinations.ts) and again at connect time.
 */

const integrationIdSchema = z.guid({ error: "Not an integration id" });
const deliveryIdSchema = z.guid({ error: "Not a delivery id" });

const httpUrl = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .max(2000, `The ${what} is too long (at most 2,000 characters)`)
    .refine((value) => value.isWellFormed(), `The ${what} contains characters that are not valid text`)
    // eslint-disable-next-line no-control-regex -- control characters (and spaces) do not belong in a URL
    .refine((value) => !/[\u0000-\u0020\u007f]/.test(value), `The ${what} contains spaces or control characters`)
    .refine((value) => URL.canParse(value), `The ${what} must be a full URL, like https://example.com/hooks`)
    .refine(
      (value) => !URL.canParse(value) || ["http:", "https:"].includes(new URL(value).protocol),
      `The ${what} must start with https:// (or http://)`,
    )
    .refine(
      (value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password),
      `Remove the user name and password from the ${what}; put secrets in headers instead`,
    );

export const eventFiltersSchema = z
  .object({
    event_types: z
      .array(z.enum(EVENT_TYPES, { error: `Choose event types from: ${EVENT_TYPES.join(", ")}` }))
      .max(EVENT_TYPES.length)
      .default([])
      .transform((types) => EVENT_TYPES.filter((type) => types.includes(type))),
    min_severity: z.enum(SEVERITIES, { error: `Minimum severity is one of: ${SEVERITIES.join(", ")}` }).default("info"),
  })
  .strict();

export const retryConfigSchema = z
  .object({
    max_retries: z
      .int({ error: "Retries must be a whole number" })
      .min(0, "Retries cannot be negative")
      .max(20, "At most 20 retries"),
    backoff_seconds: z
      .int({ error: "Backoff must be a whole number of seconds" })
      .min(1, "Backoff is at least 1 second")
      .max(3600, "Backoff is at most 3,600 seconds (retries grow from it, capped at 10 hours)"),
  })
  .strict();

const common = {
  workspaceId: workspaceIdSchema,
  name: plainText(100, "The name").trim().min(1, "Give the integration a name, like “On-call alerts”"),
  eventFilters: eventFiltersSchema.optional(),
  rateLimitPerMinute: z
    .int({ error: "The rate limit must be a whole number" })
    .min(1, "Allow at least 1 request per minute")
    .max(60_000, "At most 60,000 requests per minute")
    .optional(),
  retryConfig: retryConfigSchema.optional(),
};

const slackWebhookUrl = httpUrl("Slack webhook URL").refine(
  (value) => !URL.canParse(value) || !new URL(value).search,
  "Paste the incoming-webhook URL exactly as Slack shows it (https://hooks.slack.com/services/…)",
);

/** Per type: its settings and its secrets (required on create). */
export const TYPE_FIELDS = {
  slack: {
    webhookUrl: slackWebhookUrl,
    channel: plainText(80, "The channel label").trim().optional(),
    mentionOnCritical: z.boolean().optional(),
  },
  pagerduty: {
    routingKey: z
      .string({ error: "Enter the routing key" })
      .trim()
      .regex(/^[A-Za-z0-9]{32}$/, "A PagerDuty routing key is 32 letters and digits (Events API v2 integration key)"),
    severityMapping: z
      .object(
        Object.fromEntries(SEVERITIES.map((s) => [s, z.enum(PAGERDUTY_SEVERITIES)])) as Record<
          (typeof SEVERITIES)[number],
          z.ZodEnum<{ [K in (typeof PAGERDUTY_SEVERITIES)[number]]: K }>
        >,
      )
      .strict()
      .optional(),
  },
  webhook: { url: httpUrl("endpoint URL") },
  sentry: {
    dsn: z
      .string({ error: "Enter the DSN" })
      .trim()
      .regex(
        /^https?:\/\/[A-Za-z0-9]+@[^/\s]+(\/[^\s]*)?\/\d+$/,
        "A Sentry DSN looks like https://<public key>@o123.ingest.sentry.io/<project id>",
      ),
    environment: plainText(64, "The environment").trim().min(1, "Name the environment, like production").optional(),
  },
  datadog: {
    apiKey: z
      .string({ error: "Enter the API key" })
      .trim()
      .regex(/^[A-Fa-f0-9]{32}$/, "A Datadog API key is 32 hexadecimal characters (not the application key)"),
    site: z.enum(Object.keys(DATADOG_SITES) as [DatadogSite, ...DatadogSite[]], {
      error: "Choose your Datadog site: US1, US3, US5, EU, AP1 or AP2",
    }),
  },
  custom: {
    url: httpUrl("endpoint URL"),
    method: z.enum(CUSTOM_METHODS, { error: "The method is POST, PUT or PATCH" }).optional(),
    headers: z
      .array(
        z
          .object({
            name: z
              .string()
              .trim()
              .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, "A header name is letters, digits and dashes"),
            value: plainText(2000, "A header value").min(1, "Give the header a value"),
          })
          .strict(),
      )
      .max(10, "At most 10 headers")
      .optional(),
    bodyTemplate: z.string().max(10_240, "The body template is at most 10 KB").optional(),
  },
} as const;

const typeLiteral = <T extends keyof typeof TYPE_FIELDS>(type: T) => z.literal(type);

export const createIntegrationSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: typeLiteral("slack"), ...common, ...TYPE_FIELDS.slack }).strict(),
    z.object({ type: typeLiteral("pagerduty"), ...common, ...TYPE_FIELDS.pagerduty }).strict(),
    z.object({ type: typeLiteral("webhook"), ...common, ...TYPE_FIELDS.webhook }).strict(),
    z.object({ type: typeLiteral("sentry"), ...common, ...TYPE_FIELDS.sentry }).strict(),
    z.object({ type: typeLiteral("datadog"), ...common, ...TYPE_FIELDS.datadog }).strict(),
    z.object({ type: typeLiteral("custom"), ...common, ...TYPE_FIELDS.custom }).strict(),
  ],
  { error: "Choose a type: slack, pagerduty, webhook, sentry, datadog or custom" },
);
export type CreateIntegrationInput = z.infer<typeof createIntegrationSchema>;

const editable = {
  ...common,
  integrationId: integrationIdSchema,
  name: common.name.optional(),
  isEnabled: z.boolean({ error: "isEnabled is true or false" }).optional(),
};

/** The per-type change shapes (the OpenAPI document lists them; `updateIntegrationSchema` checks them). */
export const updateIntegrationShapes = z.discriminatedUnion(
  "type",
  [
    z.object({ type: typeLiteral("slack"), ...editable, ...z.object(TYPE_FIELDS.slack).partial().shape }).strict(),
    z
      .object({ type: typeLiteral("pagerduty"), ...editable, ...z.object(TYPE_FIELDS.pagerduty).partial().shape })
      .strict(),
    z.object({ type: typeLiteral("webhook"), ...editable, ...z.object(TYPE_FIELDS.webhook).partial().shape }).strict(),
    z.object({ type: typeLiteral("sentry"), ...editable, ...z.object(TYPE_FIELDS.sentry).partial().shape }).strict(),
    z.object({ type: typeLiteral("datadog"), ...editable, ...z.object(TYPE_FIELDS.datadog).partial().shape }).strict(),
    z.object({ type: typeLiteral("custom"), ...editable, ...z.object(TYPE_FIELDS.custom).partial().shape }).strict(),
  ],
  { error: "Give the integration's type: slack, pagerduty, webhook, sentry, datadog or custom" },
);

const NOT_CHANGES = new Set(["workspaceId", "integrationId", "type"]);

/**
 * Changes to an integration: every field optional, at least one given; a secret left out is kept.
 * The type names the form and must be the integration's own (it cannot change).
 */
export const updateIntegrationSchema = updateIntegrationShapes.refine(
  (input) => Object.entries(input).some(([key, value]) => !NOT_CHANGES.has(key) && value !== undefined),
  { message: "Nothing to change: give at least one field to change", path: [] },
);
export type UpdateIntegrationInput = z.infer<typeof updateIntegrationSchema>;

/** The "Enabled" switch. */
export const setIntegrationEnabledSchema = z
  .object({ workspaceId: workspaceIdSchema, integrationId: integrationIdSchema, enabled: z.boolean() })
  .strict();

export const integrationRefSchema = z
  .object({ workspaceId: workspaceIdSchema, integrationId: integrationIdSchema })
  .strict();

export const retryDeliverySchema = z
  .object({ workspaceId: workspaceIdSchema, integrationId: integrationIdSchema, deliveryId: deliveryIdSchema })
  .strict();

export const REPLAY_MAX_DAYS = 30;
export const REPLAY_MAX_EVENTS = 10_000;

export const replayIntegrationSchema = z
  .object({
    workspaceId: workspaceIdSchema,
    integrationId: integrationIdSchema,
    since: z.iso
      .datetime({ offset: true, error: "Give the start as a date and time, like 2026-11-20T09:00:00Z" })
      .transform((value) => new Date(value))
      .refine((date) => date.getTime() <= Date.now(), "The start must be in the past")
      .refine(
        (date) => date.getTime() >= Date.now() - REPLAY_MAX_DAYS * 86_400_000,
        `Replay reaches back at most ${REPLAY_MAX_DAYS} days`,
      ),
    /** Also send again events that were delivered (receivers see the same webhook-id). */
    includeDelivered: z.boolean().optional(),
  })
  .strict();

export const deliveryListQuerySchema = z
  .object({
    ...pageQueryShape,
    status: z.enum(["pending", "held", "succeeded", "failed"]).optional(),
  })
  .strict();
export type DeliveryListQuery = z.infer<typeof deliveryListQuerySchema>;
