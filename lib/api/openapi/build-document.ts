import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiOverrideContext,
  type ZodOpenApiPathsObject,
} from "zod-openapi";
import { alertEventBatchSchema, alertEventSchema } from "../../events/event-schemas";
import { usageBatchSchema, usageReportSchema } from "../../usage/usage-schemas";
import { API_TITLE, API_VERSION, documentDescription } from "./document-description";
import { apiErrorSchema, errorCodeOf, type ErrorStatus } from "./error-schema";
import { headerObjects, RATE_LIMIT_HEADERS, type DocumentedHeader } from "./headers";
import type { OperationSpec } from "./operation-spec";
import { TAGS } from "./operation-spec";
import { OPERATIONS, splitOperationKey } from "./operations";
import { SECURITY_SCHEMES, securityOf } from "./security";

/** A plausible message for each error's example (the real ones say more). */
const EXAMPLE_MESSAGES: Record<ErrorStatus, string> = {
  400: "Some fields need attention.",
  401: "Sign in, or send an API key as Authorization: Bearer obs_live_….",
  403: "Your role does not allow you to do this.",
  404: "That workspace was not found.",
  409: "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
  412: "This member changed since you read it (its ETag no longer matches If-Match). Read it again, then retry.",
  413: "The request body is larger than 16384 bytes.",
  415: "Send the request body as JSON (Content-Type: application/json).",
  429: "This API key made more than 6000 requests in a minute. Try again in 12 s.",
  500: "Something went wrong on our side (request 0c5e7a52-1d3b-4e4f-9a57-3d2b8f6f4e21).",
  501: "This is not available through the API yet.",
  503: "Payments are not set up on this server: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to enable plan changes, Checkout and Stripe webhooks.",
};

/** Headers an error of this status carries: Retry-After on 429 (and on a 409 for a request still running). */
export function errorHeaders(status: ErrorStatus, spec: OperationSpec): DocumentedHeader[] {
  if (status === 429) return [{ name: "Retry-After", required: true }, ...RATE_LIMIT_HEADERS];
  if (status === 409 && spec.headers?.shape["Idempotency-Key"]) return [{ name: "Retry-After" }];
  return [];
}

function errorResponses(spec: OperationSpec): ZodOpenApiOperationObject["responses"] {
  return Object.fromEntries(
    (Object.entries(spec.errors) as [`${ErrorStatus}`, string][]).map(([key, description]) => {
      const status = Number(key) as ErrorStatus;
      const example = {
        error: {
          code: errorCodeOf(status),
          message: EXAMPLE_MESSAGES[status],
          ...(status === 400 ? { fieldErrors: { name: ["Give the key a name, like “CI deploys”"] } } : {}),
          requestId: "0c5e7a52-1d3b-4e4f-9a57-3d2b8f6f4e21",
          ...(status === 429 ? { retryAfterSeconds: 12 } : {}),
        },
      };
      const headers = errorHeaders(status, spec);
      return [
        key,
        {
          description,
          content: { "application/json": { schema: apiErrorSchema, example } },
          ...(headers.length ? { headers: headerObjects(headers) } : {}),
        },
      ];
    }),
  );
}

function successResponses(spec: OperationSpec): ZodOpenApiOperationObject["responses"] {
  return Object.fromEntries(
    Object.entries(spec.responses).map(([status, response]) => [
      status,
      {
        description: response.description,
        content: {
          ...(response.schema ? { "application/json": { schema: response.schema } } : {}),
          ...Object.fromEntries(
            Object.entries(response.otherContent ?? {}).map(([type, schema]) => [type, { schema }]),
          ),
        },
        ...(response.headers?.length ? { headers: headerObjects(response.headers) } : {}),
      },
    ]),
  );
}

function operationObject(spec: OperationSpec): ZodOpenApiOperationObject {
  const { security, line, extensions } = securityOf(spec.access);
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: `${spec.description}\n\n${line}`,
    tags: [spec.tag],
    security,
    ...extensions,
    requestParams: Object.fromEntries(
      Object.entries({ path: spec.path, query: spec.query, header: spec.headers }).filter(([, schema]) => schema),
    ),
    ...(spec.parameters ? { parameters: spec.parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            ...(spec.body.description ? { description: spec.body.description } : {}),
            content: { "application/json": { schema: spec.body.schema, example: spec.body.example } },
          },
        }
      : {}),
    responses: { ...successResponses(spec), ...errorResponses(spec) },
  };
}

/**
 * Drops what zod writes but readers do not need: the long regular expression beside a `format` that
 * says the same (date-time, date, uuid, email), and the ±2^53 bounds of every integer.
 */
function tidy({ jsonSchema }: ZodOpenApiOverrideContext): void {
  if (typeof jsonSchema.format === "string" && ["date-time", "date", "uuid", "email"].includes(jsonSchema.format))
    delete jsonSchema.pattern;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
}

/**
 * The OpenAPI 3.1 document of the REST API, from the operations registry (lib/api/openapi/operations.ts):
 * request schemas are the routes' own zod schemas, responses the strict shapes in this folder.
 */
export type OpenApiDocument = ReturnType<typeof createDocument>;

export function buildOpenApiDocument(operations: Record<string, OperationSpec> = OPERATIONS): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const [key, spec] of Object.entries(operations)) {
    const { method, path } = splitOperationKey(key);
    paths[path] = { ...paths[path], [method.toLowerCase()]: operationObject(spec) };
  }
  return createDocument(
    {
      openapi: "3.1.1",
      info: { title: API_TITLE, version: API_VERSION, description: documentDescription(operations) },
      servers: [{ url: "/", description: "This app" }],
      tags: TAGS.map((tag) => ({ ...tag })),
      paths,
      components: {
        securitySchemes: SECURITY_SCHEMES,
        schemas: {
          UsageReport: usageReportSchema,
          UsageBatch: usageBatchSchema,
          AlertEvent: alertEventSchema,
          AlertEventBatch: alertEventBatchSchema,
        },
      },
    },
    { override: tidy },
  );
}
