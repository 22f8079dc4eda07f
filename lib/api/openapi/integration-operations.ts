import { deliveryListQuerySchema, retryDeliverySchema } from "../../integrations/integration-schemas";
import { integrationListQuerySchema } from "../../integrations/list-integrations";
import { bodyErrors, IDEMPOTENCY_CONFLICT, QUERY_ERROR, WORKSPACE_ERRORS } from "./common-errors";
import { workspacePathSchema } from "./common-schemas";
import { idempotencyKeyHeaderSchema, RATE_LIMIT_HEADERS } from "./headers";
import {
  createIntegrationBody,
  INTEGRATION_PATCH_ACTIONS,
  integrationPatchBody,
  integrationRefBody,
  replayBody,
} from "./integration-requests";
import {
  deletedIntegrationResponse,
  deliveryListResponse,
  integrationListResponse,
  integrationPatchResponse,
  replayResponse,
  retryResponse,
  savedIntegrationResponse,
} from "./integration-responses";
import type { OperationSpec } from "./operation-spec";

const INTEGRATIONS = "/api/workspaces/{workspaceId}/integrations";
const ONE = `${INTEGRATIONS}/{integrationId}`;
const EXAMPLE_ID = "4f0b8c2e-6a1d-4c3b-9e7f-1a2b3c4d5e6f";

const integrationPath = workspacePathSchema.extend({
  integrationId: retryDeliverySchema.shape.integrationId.meta({ description: "The integration's `id` from the list." }),
});

const actionTable = Object.entries(INTEGRATION_PATCH_ACTIONS)
  .map(([action, what]) => `- \`${action}\`: ${what}`)
  .join("\n");

export const INTEGRATION_OPERATIONS: Record<string, OperationSpec> = {
  [`GET ${INTEGRATIONS}`]: {
    operationId: "listIntegrations",
    summary: "List integrations",
    description:
      "The workspace's integrations by type and name, with their health, destination, filters and 24-hour delivery figures; never a secret.",
    tag: "Integrations",
    access: { kind: "workspace", permission: "workspace:read" },
    path: workspacePathSchema,
    query: integrationListQuerySchema,
    responses: {
      200: { description: "One page of integrations.", schema: integrationListResponse, headers: RATE_LIMIT_HEADERS },
    },
    errors: { 400: QUERY_ERROR, ...WORKSPACE_ERRORS },
  },
  [`POST ${INTEGRATIONS}`]: {
    operationId: "createIntegration",
    summary: "Add an integration",
    description:
      "Adds an integration of one of six types (docs/integrations.md says what each sends). URLs must reach public " +
      "addresses: one on a private, loopback or link-local network is refused with a field error. **A webhook's " +
      "signing secret (`whsec_…`) is in this response only.**",
    tag: "Integrations",
    access: { kind: "workspace", permission: "integrations:manage" },
    path: workspacePathSchema,
    headers: idempotencyKeyHeaderSchema,
    body: {
      schema: createIntegrationBody,
      example: {
        type: "webhook",
        name: "Warehouse",
        url: "https://hooks.example.com/observability",
        eventFilters: { event_types: ["alert.triggered", "alert.resolved"], min_severity: "warning" },
      },
    },
    responses: {
      200: {
        description: "The integration (and a webhook's signing secret, once).",
        schema: savedIntegrationResponse,
        headers: [{ name: "Idempotent-Replayed" }],
      },
    },
    errors: {
      ...bodyErrors(),
      ...WORKSPACE_ERRORS,
      403: "The caller may not manage integrations (owners, admins and keys with `integrations:write` may).",
      409: `An integration of this type with this name exists. Or: ${IDEMPOTENCY_CONFLICT}`,
    },
  },
  [`PATCH ${INTEGRATIONS}`]: {
    operationId: "changeIntegration",
    summary: "Change an integration",
    description: `One operation on one integration, chosen by \`action\`:\n\n${actionTable}`,
    tag: "Integrations",
    access: { kind: "workspace", permission: "integrations:manage" },
    path: workspacePathSchema,
    body: {
      schema: integrationPatchBody,
      example: { action: "update", integrationId: EXAMPLE_ID, type: "webhook", url: "https://hooks.example.com/v2" },
    },
    responses: {
      200: {
        description: "The integration after the change, or the test event's outcome.",
        schema: integrationPatchResponse,
      },
    },
    errors: {
      ...bodyErrors(),
      ...WORKSPACE_ERRORS,
      403: "The caller may not manage integrations.",
      404: "The workspace or the integration was not found.",
      409: "Another integration of this type has that name.",
    },
  },
  [`DELETE ${INTEGRATIONS}`]: {
    operationId: "removeIntegration",
    summary: "Remove an integration",
    description: "Removes the integration with its deliveries and their log.",
    tag: "Integrations",
    access: { kind: "workspace", permission: "integrations:manage" },
    path: workspacePathSchema,
    body: { schema: integrationRefBody, example: { integrationId: EXAMPLE_ID } },
    responses: { 200: { description: "The removed integration's id.", schema: deletedIntegrationResponse } },
    errors: {
      ...bodyErrors(),
      ...WORKSPACE_ERRORS,
      403: "The caller may not manage integrations.",
      404: "The workspace or the integration was not found.",
    },
  },
  [`GET ${ONE}/deliveries`]: {
    operationId: "listDeliveries",
    summary: "List an integration's deliveries",
    description:
      "The delivery log, newest first: each event's delivery with its status, attempts (HTTP status, latency, error, " +
      "response excerpt) and next attempt. Filter with `status`; page with `limit` and `cursor`.",
    tag: "Integrations",
    access: { kind: "workspace", permission: "workspace:read" },
    path: integrationPath,
    query: deliveryListQuerySchema,
    responses: {
      200: { description: "One page of deliveries.", schema: deliveryListResponse, headers: RATE_LIMIT_HEADERS },
    },
    errors: {
      400: `\`integrationId\` is not an id, or: ${QUERY_ERROR}`,
      ...WORKSPACE_ERRORS,
      404: "The workspace or the integration was not found.",
    },
  },
  [`POST ${ONE}/deliveries/{deliveryId}/retry`]: {
    operationId: "retryDelivery",
    summary: "Retry a delivery now",
    description: "Queues a failed, held or waiting delivery for an attempt at once. No body.",
    tag: "Integrations",
    access: { kind: "workspace", permission: "integrations:manage" },
    path: integrationPath.extend({ deliveryId: retryDeliverySchema.shape.deliveryId }),
    headers: idempotencyKeyHeaderSchema,
    responses: { 200: { description: "Queued.", schema: retryResponse } },
    errors: {
      400: "`integrationId` or `deliveryId` is not an id.",
      ...WORKSPACE_ERRORS,
      403: "The caller may not manage integrations.",
      404: "The workspace, the integration or the delivery was not found.",
      409: "The integration is turned off, the delivery already succeeded, or it is a test event.",
    },
  },
  [`POST ${ONE}/replay`]: {
    operationId: "replayIntegration",
    summary: "Replay events since a time",
    description:
      "Sends again the events since `since` (at most 30 days back) that match the integration's filters and were not " +
      "delivered to it — also delivered ones with `includeDelivered` — at most 10,000, oldest first (`truncated` and " +
      "`nextSince` say when to continue). Receivers see each event's usual `webhook-id`.",
    tag: "Integrations",
    access: { kind: "workspace", permission: "integrations:manage" },
    path: integrationPath,
    headers: idempotencyKeyHeaderSchema,
    body: { schema: replayBody, example: { since: "2026-11-20T09:00:00Z" } },
    responses: { 200: { description: "How many deliveries were queued.", schema: replayResponse } },
    errors: {
      ...bodyErrors(),
      ...WORKSPACE_ERRORS,
      403: "The caller may not manage integrations.",
      404: "The workspace or the integration was not found.",
      409: "The integration is turned off: turn it on first.",
    },
  },
};
