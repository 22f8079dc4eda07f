import { apiKeyListQuerySchema, createApiKeySchema, revokeApiKeySchema } from "../../api-keys/api-key-schemas";
import { bodyErrors, IDEMPOTENCY_CONFLICT, QUERY_ERROR, WORKSPACE_ERRORS } from "./common-errors";
import { workspacePathSchema } from "./common-schemas";
import { apiKeyPageResponse, createdApiKeyResponse, revokedApiKeyResponse } from "./api-key-responses";
import { idempotencyKeyHeaderSchema, RATE_LIMIT_HEADERS } from "./headers";
import type { OperationSpec } from "./operation-spec";

const KEYS = "/api/workspaces/{workspaceId}/api-keys";

export const API_KEY_OPERATIONS: Record<string, OperationSpec> = {
  [`GET ${KEYS}`]: {
    operationId: "listApiKeys",
    summary: "List API keys",
    description: "Keys that are not revoked, newest first: name, prefix, scopes, last use. Never a secret.",
    tag: "API keys",
    access: { kind: "workspace", permission: "api_keys:read" },
    path: workspacePathSchema,
    query: apiKeyListQuerySchema,
    responses: { 200: { description: "One page of keys.", schema: apiKeyPageResponse, headers: RATE_LIMIT_HEADERS } },
    errors: { 400: QUERY_ERROR, ...WORKSPACE_ERRORS },
  },
  [`POST ${KEYS}`]: {
    operationId: "createApiKey",
    summary: "Create an API key",
    description:
      "Creates a key with the given scopes (each must be one the caller's role may grant) and optional expiry " +
      "(ISO 8601, at most 730 days ahead). **The secret is in this response only.** Keys count against the plan's " +
      "API-key limit (Free: 2).",
    tag: "API keys",
    access: { kind: "workspace", permission: "api_keys:manage" },
    path: workspacePathSchema,
    headers: idempotencyKeyHeaderSchema,
    body: {
      schema: createApiKeySchema.omit({ workspaceId: true }),
      example: { name: "Usage reporter", scopes: ["usage:write", "events:write"] },
    },
    responses: {
      200: {
        description: "The key, and its secret (shown once).",
        schema: createdApiKeyResponse,
        headers: [{ name: "Idempotent-Replayed" }],
      },
    },
    errors: {
      ...bodyErrors(),
      ...WORKSPACE_ERRORS,
      403: "The caller may not manage keys, or not grant one of the scopes; an API key can never create keys.",
      409: `The plan's API-key limit is reached: revoke a key or upgrade. Or: ${IDEMPOTENCY_CONFLICT}`,
    },
  },
  [`DELETE ${KEYS}/{keyId}`]: {
    operationId: "revokeApiKey",
    summary: "Revoke an API key",
    description: "Revokes the key at once: its next request is refused (401). No body.",
    tag: "API keys",
    access: { kind: "workspace", permission: "api_keys:manage" },
    path: workspacePathSchema.extend({
      keyId: revokeApiKeySchema.shape.keyId.meta({ description: "The key's `id` from the list." }),
    }),
    responses: { 200: { description: "The revoked key's id.", schema: revokedApiKeyResponse } },
    errors: {
      400: "`keyId` is not an id.",
      ...WORKSPACE_ERRORS,
      403: "The caller may not manage keys; an API key can never revoke keys.",
      404: "The workspace, or a live key with this id in it, was not found.",
    },
  },
};
