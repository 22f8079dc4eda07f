import type { z } from "zod";
import type { ZodObjectInput } from "zod-openapi";
import type { ErrorStatus } from "./error-schema";
import type { DocumentedHeader } from "./headers";
import type { Access } from "./security";

export const TAGS = [
  { name: "Health", description: "Whether the app and its database are up." },
  { name: "Reference", description: "This document." },
  { name: "Workspaces", description: "The signed-in person's workspaces." },
  { name: "Team", description: "Members, invitations and roles." },
  { name: "Billing", description: "Plan, period and usage meters." },
  { name: "Integrations", description: "Where alerts go: Slack, PagerDuty, webhooks and more." },
  { name: "Audit log", description: "Who changed what, when." },
  { name: "API keys", description: "Keys for scripts and services." },
  { name: "Ingestion", description: "Usage reports and alert events, sent by services with an API key." },
] as const;
export type Tag = (typeof TAGS)[number]["name"];

/** A success (or non-error) answer: its JSON body's schema, or other media types, and its headers. */
export interface DocumentedResponse {
  description: string;
  /** The JSON body. Strict: the tests parse real answers with it. */
  schema?: z.ZodType;
  /** Other media types (the audit log's CSV). */
  otherContent?: Record<string, z.ZodType>;
  headers?: DocumentedHeader[];
}

/**
 * One route method as the document describes it. The key in the registry is `METHOD /api/…` with
 * path parameters in OpenAPI form, e.g. `PATCH /api/workspaces/{workspaceId}/team`.
 */
export interface OperationSpec {
  operationId: string;
  summary: string;
  /** Markdown; the access line (roles, scope) is added from `access`. */
  description: string;
  tag: Tag;
  access: Access;
  /** Path parameters (an object with every `{name}` of the path). */
  path?: ZodObjectInput;
  query?: ZodObjectInput;
  /** Request headers besides the credentials (Idempotency-Key, If-Match). */
  headers?: z.ZodObject;
  /** Query parameters documented on their own (e.g. `format`, which the route reads before the filters). */
  parameters?: z.ZodType[];
  body?: {
    schema: z.ZodType;
    description?: string;
    /** A curl-friendly example; the tests check it passes `schema`. */
    example: unknown;
  };
  /** Non-error answers by status (200, 207, 503). */
  responses: Record<number, DocumentedResponse>;
  /** Error answers by status (the shared error envelope), each with what it means here. */
  errors: Partial<Record<ErrorStatus, string>>;
}
