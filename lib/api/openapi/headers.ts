import { z } from "zod";
import type { oas31 } from "zod-openapi";
import { AUDIT_CSV_MAX_ROWS } from "../../audit/export-audit-csv";
import { idempotencyKeySchema } from "../batch-items";

/** Response headers the API documents; `required` says whether every such response carries it. */
export const RESPONSE_HEADERS = {
  "RateLimit-Limit": {
    description: "API keys only: requests the key may make per minute.",
    schema: { type: "integer", minimum: 1 },
  },
  "RateLimit-Remaining": {
    description: "API keys only: requests left in the current minute.",
    schema: { type: "integer", minimum: 0 },
  },
  "RateLimit-Reset": {
    description: "API keys only: seconds until the budget is full again.",
    schema: { type: "integer", minimum: 0 },
  },
  "Retry-After": {
    description: "Seconds to wait before trying again.",
    schema: { type: "integer", minimum: 1 },
  },
  ETag: {
    description: "The member's new version: send it as `If-Match` with the next PATCH of this member.",
    schema: { type: "string", examples: ['"3f9a1c0b7d2e4a5f6b8c"'] },
  },
  "Idempotent-Replayed": {
    description:
      "`true` when this is the stored response of an earlier request with the same Idempotency-Key: nothing was done again.",
    schema: { type: "string", enum: ["true"] },
  },
  "Content-Disposition": {
    description: 'CSV only: `attachment; filename="…"`.',
    schema: { type: "string" },
  },
  "X-Audit-Log-Rows": {
    description: "CSV only: the number of entries in the file.",
    schema: { type: "integer", minimum: 0 },
  },
  "X-Audit-Log-Truncated": {
    description: `CSV only: \`true\` when more entries matched than the file holds (${AUDIT_CSV_MAX_ROWS.toLocaleString("en-US")}); narrow the filters.`,
    schema: { type: "string", enum: ["true", "false"] },
  },
} satisfies Record<string, oas31.HeaderObject>;

export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;

/** A header a response documents; `required`: every response of this status carries it. */
export interface DocumentedHeader {
  name: ResponseHeaderName;
  required?: boolean;
}

export const RATE_LIMIT_HEADERS: DocumentedHeader[] = [
  { name: "RateLimit-Limit" },
  { name: "RateLimit-Remaining" },
  { name: "RateLimit-Reset" },
];

export function headerObjects(headers: DocumentedHeader[]): Record<string, oas31.HeaderObject> {
  return Object.fromEntries(
    headers.map(({ name, required }) => [name, { ...RESPONSE_HEADERS[name], required: Boolean(required) }]),
  );
}

/** `Idempotency-Key` (lib/api/idempotency.ts): the same rule as an item's idempotencyKey. */
export const idempotencyKeyHeaderSchema = z.object({
  "Idempotency-Key": idempotencyKeySchema.optional().meta({
    description:
      "Makes a retry harmless: the first successful response is stored for 24 hours and a repeat of the same " +
      "request with the same key gets it back (`Idempotent-Replayed: true`) without doing anything again. " +
      "The same key with a different request is a 409. 1–255 printable ASCII characters, e.g. a UUID.",
    // No example value: a try-it client would send the same key with every request.
  }),
});

/** `If-Match` on PATCH /team (lib/api/etag.ts). */
export const ifMatchHeaderSchema = z.object({
  "If-Match": z
    .string()
    .optional()
    .meta({
      description:
        "The member's `etag` from GET /team (or the `ETag` of the last PATCH): the change applies only if the " +
        "member has not changed since, else 412. `*` and lists are understood. Without it the change applies as it is.",
      example: '"3f9a1c0b7d2e4a5f6b8c"',
    }),
});
