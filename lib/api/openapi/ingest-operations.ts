import { MAX_BATCH_ITEMS } from "../batch-items";
import { alertEventBatchSchema, alertEventSchema } from "../../events/event-schemas";
import { MAX_REPORT_AGE_DAYS, usageBatchSchema, usageReportSchema } from "../../usage/usage-schemas";
import { z } from "zod";
import { bodyErrors, IDEMPOTENCY_CONFLICT, WORKSPACE_ERRORS } from "./common-errors";
import { workspacePathSchema } from "./common-schemas";
import { idempotencyKeyHeaderSchema, RATE_LIMIT_HEADERS } from "./headers";
import { eventAnswerResponse, usageAnswerResponse } from "./ingest-responses";
import type { DocumentedResponse, OperationSpec } from "./operation-spec";

/** The body limits of app/api/workspaces/[workspaceId]/{usage,events}/route.ts. */
const USAGE_MAX_BYTES = 512 * 1024;
const EVENTS_MAX_BYTES = 6 * 1024 * 1024;

const BATCH =
  `Send one item, or \`{"items": [...]}\` with up to ${MAX_BATCH_ITEMS.toLocaleString("en-US")}. Each item is answered on its own, ` +
  "in the order sent: `recorded` (the first time, and on every repeat of the same `idempotencyKey`) or " +
  "`rejected` with why, while the valid items are stored. A single invalid item is a 400.";

function answers(schema: DocumentedResponse["schema"]): Record<number, DocumentedResponse> {
  const headers = [...RATE_LIMIT_HEADERS, { name: "Idempotent-Replayed" as const }];
  return {
    200: { description: "Every item was recorded.", schema, headers },
    207: {
      description: "Some items were rejected (see each item's `error`); the others were recorded.",
      schema,
      headers,
    },
  };
}

const ingestErrors = (maxBytes: number) => ({
  ...bodyErrors(maxBytes),
  ...WORKSPACE_ERRORS,
  400: `The body is not valid JSON, a single item is invalid, or \`items\` is empty or longer than ${MAX_BATCH_ITEMS}.`,
  403: "The key lacks the scope. Signed-in people cannot call this: only API keys.",
  409: IDEMPOTENCY_CONFLICT,
});

export const INGEST_OPERATIONS: Record<string, OperationSpec> = {
  "POST /api/workspaces/{workspaceId}/usage": {
    operationId: "reportUsage",
    summary: "Report usage",
    description:
      "Reports traces the platform recorded, for billing: each report counts once per `idempotencyKey`, however " +
      `often it is sent. \`timestamp\` (default: now) decides the UTC day and the billing period; at most ${MAX_REPORT_AGE_DAYS} ` +
      `days old. A plan without overage (Free) refuses a report that would take this period's traces past its ` +
      "limit and stores nothing of it: one report answers **429** `usage_limit_exceeded` with `Retry-After` (seconds " +
      "until the period resets); in a batch that item is `rejected` with that code and the items are decided in order. " +
      `A repeat of a recorded key is never refused. ${BATCH}`,
    tag: "Ingestion",
    access: { kind: "workspace", permission: "usage:report" },
    path: workspacePathSchema,
    headers: idempotencyKeyHeaderSchema,
    body: {
      schema: z.union([usageReportSchema, usageBatchSchema]),
      example: {
        items: [
          { traces: 1200, idempotencyKey: "collector-7:2026-11-27T10:00" },
          { traces: 950, idempotencyKey: "collector-7:2026-11-27T10:01" },
        ],
      },
    },
    responses: answers(usageAnswerResponse),
    errors: ingestErrors(USAGE_MAX_BYTES),
  },
  "POST /api/workspaces/{workspaceId}/events": {
    operationId: "publishEvents",
    summary: "Publish alert events",
    description:
      "Publishes `alert.triggered` and `alert.resolved` events to the workspace's integrations (Slack, PagerDuty, …), " +
      `once per \`idempotencyKey\`. \`alertId\` follows an alert from trigger to resolve. ${BATCH}`,
    tag: "Ingestion",
    access: { kind: "workspace", permission: "events:publish" },
    path: workspacePathSchema,
    headers: idempotencyKeyHeaderSchema,
    body: {
      schema: z.union([alertEventSchema, alertEventBatchSchema]),
      example: {
        type: "alert.triggered",
        alertId: "latency-p95-checkout",
        severity: "critical",
        title: "p95 latency above 2 s on checkout-agent",
        details: "p95 2.4 s over the last 5 minutes (threshold 2 s).",
        idempotencyKey: "alert-4711-triggered",
      },
    },
    responses: answers(eventAnswerResponse),
    errors: ingestErrors(EVENTS_MAX_BYTES),
  },
};
