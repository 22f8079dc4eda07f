import { MAX_JSON_BODY_BYTES } from "../../access/read-json-body";
import type { OperationSpec } from "./operation-spec";

type Errors = OperationSpec["errors"];

const INTERNAL = "Something failed on our side; the message carries the request id to quote.";

/** What every workspace route may answer before it looks at the request: 401 → 404 → 403, rate limits, 500. */
export const WORKSPACE_ERRORS: Errors = {
  401: "No valid credentials: no session cookie or API key, or one that expired, was revoked or is malformed.",
  403: "The caller's role (or the key's scopes, or its creator's role) does not allow this.",
  404: "The workspace does not exist, or the caller is not an active member of it (a key of another workspace is the same): nothing about it is revealed.",
  429: "API keys: the key's per-minute budget is spent (see Retry-After and RateLimit-*).",
  500: INTERNAL,
};

/** Routes that need a signed-in person but no workspace. */
export const USER_ERRORS: Errors = {
  401: "Not signed in (an API key does not count: these routes are for people).",
  500: INTERNAL,
};

/** Routes that read a JSON body (lib/access/read-json-body.ts). */
export function bodyErrors(maxBytes = MAX_JSON_BODY_BYTES): Errors {
  return {
    400: "The body is not valid JSON, or a field is invalid (see `fieldErrors`).",
    413: `The body is larger than ${maxBytes.toLocaleString("en-US")} bytes.`,
    415: "The body is not sent as `Content-Type: application/json`.",
  };
}

/** POSTs with Idempotency-Key (lib/api/idempotency.ts). */
export const IDEMPOTENCY_CONFLICT =
  "The Idempotency-Key was already used for a different request, or its first request is still running (Retry-After: 1).";

export const QUERY_ERROR = "A query parameter is invalid (see `fieldErrors`), e.g. a `cursor` not from `next_cursor`.";
