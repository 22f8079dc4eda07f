import { z } from "zod";
import { dataEnvelope, idSchema, nextCursorSchema, nullableTimestampSchema, timestampSchema } from "./common-schemas";

/** lib/integrations/list-integrations.ts `IntegrationView`: never a secret. */
export const integrationSchema = z
  .strictObject({
    id: idSchema,
    type: z.enum(["slack", "pagerduty", "webhook", "sentry", "datadog", "custom"]),
    name: z.string(),
    isEnabled: z.boolean(),
    healthStatus: z.enum(["healthy", "degraded", "unhealthy", "unknown"]),
    healthDetail: z
      .string()
      .nullable()
      .meta({ description: "The last health check's verdict, or why it was skipped." }),
    lastHealthCheckAt: nullableTimestampSchema,
    lastErrorMessage: z.string().nullable(),
    lastErrorAt: nullableTimestampSchema,
    consecutiveFailures: z.number().int().min(0),
    totalEventsSent: z.number().int().min(0),
    totalErrors: z.number().int().min(0),
    destination: z
      .string()
      .meta({ description: "Where it delivers, without a secret.", example: "#alerts (hooks.slack.com)" }),
    settings: z
      .record(z.string(), z.unknown())
      .meta({ description: "Non-secret settings; URLs with their query masked." }),
    eventFilters: z.strictObject({ event_types: z.array(z.string()), min_severity: z.string() }),
    rateLimitPerMinute: z.number().int(),
    retryConfig: z.strictObject({ max_retries: z.number().int(), backoff_seconds: z.number().int() }),
    hasCredentials: z
      .boolean()
      .meta({ description: "Whether a secret is stored; the secret never leaves the server." }),
    secretHint: z.string().nullable().meta({ example: "whsec_…a1b2" }),
    paused: z
      .strictObject({
        by: z.enum(["user", "gone", "failures"]),
        reason: z.string().nullable(),
        at: nullableTimestampSchema,
      })
      .nullable()
      .meta({ description: "Why it is off: turned off by someone, its destination gone (410), or sustained failure." }),
    lastDeliveryAt: nullableTimestampSchema,
    last24h: z.strictObject({
      attempts: z.number().int(),
      failures: z.number().int(),
      errorRate: z.number().nullable(),
      p95LatencyMs: z.number().nullable(),
    }),
    createdAt: timestampSchema,
  })
  .meta({ id: "Integration" });

export const integrationListResponse = dataEnvelope(
  z.strictObject({ integrations: z.array(integrationSchema), next_cursor: nextCursorSchema }),
);

export const savedIntegrationResponse = dataEnvelope(
  z.strictObject({
    integration: integrationSchema,
    signingSecret: z.string().nullable().optional().meta({
      description: "Webhooks: the signing secret (`whsec_…`), in this answer only (null in an Idempotency-Key replay).",
    }),
  }),
);

const testOutcomeSchema = z
  .strictObject({
    deliveryId: idSchema,
    delivered: z.boolean(),
    kind: z.enum(["success", "retryable", "permanent", "gone"]),
    httpStatus: z.number().int().nullable(),
    latencyMs: z.number().int(),
    error: z.string().nullable(),
    responseExcerpt: z.string().nullable(),
    fixHint: z.string().nullable(),
  })
  .meta({ id: "TestEventOutcome" });

export const integrationPatchResponse = dataEnvelope(
  z.union([
    z.strictObject({ integration: integrationSchema }),
    z.strictObject({
      integration: integrationSchema,
      released: z.number().int(),
      missed: z.strictObject({ count: z.number().int(), since: timestampSchema }).nullable(),
    }),
    z.strictObject({ integration: integrationSchema, signingSecret: z.string(), previousValidUntil: timestampSchema }),
    testOutcomeSchema,
  ]),
);

export const deletedIntegrationResponse = dataEnvelope(z.strictObject({ deleted: z.literal(true), id: idSchema }));

const attemptSchema = z.strictObject({
  attempt: z.number().int(),
  attemptedAt: timestampSchema,
  outcome: z.enum(["success", "retryable", "permanent", "gone"]),
  httpStatus: z.number().int().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
  responseExcerpt: z.string().nullable().meta({ description: "At most 2 KB of the receiver's answer." }),
  requestId: z.string().nullable(),
});

export const deliverySchema = z
  .strictObject({
    id: idSchema.meta({ description: "Also the `webhook-id` receivers see, the same on every attempt." }),
    eventId: idSchema.nullable(),
    eventType: z.string(),
    severity: z.string(),
    eventCreatedAt: timestampSchema,
    status: z.enum(["pending", "held", "succeeded", "failed"]),
    attempts: z.number().int(),
    nextAttemptAt: nullableTimestampSchema,
    lastHttpStatus: z.number().int().nullable(),
    lastLatencyMs: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: timestampSchema,
    deliveredAt: nullableTimestampSchema,
    attemptLog: z.array(attemptSchema),
  })
  .meta({ id: "Delivery" });

export const deliveryListResponse = dataEnvelope(
  z.strictObject({ deliveries: z.array(deliverySchema), next_cursor: nextCursorSchema }),
);
export const retryResponse = dataEnvelope(z.strictObject({ queued: z.literal(true), deliveryId: idSchema }));
export const replayResponse = dataEnvelope(
  z.strictObject({
    requeued: z.number().int(),
    created: z.number().int(),
    truncated: z.boolean(),
    nextSince: nullableTimestampSchema,
  }),
);
