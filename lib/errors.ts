import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { jsonResponse } from "./api/json-response";
import { rateLimitHeaders, type RateLimitState } from "./rate-limit/rate-limit-headers";

/** Error codes of the result shape (docs/architecture.md, "Errors") and their HTTP statuses. */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  usage_limit_exceeded: 429,
  internal: 500,
  not_implemented: 501,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: ErrorCode;
      message: string;
      fieldErrors?: FieldErrors;
      requestId?: string;
      retryAfterSeconds?: number;
      /** An API key's budget when it ran out (sent as RateLimit-* headers, not in the body). */
      rateLimit?: RateLimitState;
      /** REST only: the stored response of an earlier identical request (Idempotency-Key), sent again. */
      replay?: { status: number; body: unknown };
    };

/** An expected failure, safe to show to the user as it is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fieldErrors?: FieldErrors; retryAfterSeconds?: number; rateLimit?: RateLimitState } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const unauthorized = () => new AppError("unauthorized", "Sign in to continue.");
export const forbidden = (what = "do this") => new AppError("forbidden", `Your role does not allow you to ${what}.`);
export const notFound = (what = "That workspace") => new AppError("not_found", `${what} was not found.`);

/** Field errors from a zod failure, keyed by dotted path ("" for the whole input). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function invalidInput(error: z.ZodError): AppError {
  return new AppError("invalid_input", "Some fields need attention.", { fieldErrors: fieldErrorsOf(error) });
}

/**
 * Turns anything thrown into the failure shape. Unexpected errors are masked:
 * the caller gets a request id, the log gets the details.
 */
export function toFailure(
  error: unknown,
  log: (error: unknown, requestId: string) => void,
  requestId: string = randomUUID(),
): Extract<ActionResult<never>, { ok: false }> {
  if (error instanceof AppError) {
    return { ok: false, code: error.code, message: error.message, ...error.details };
  }
  log(error, requestId);
  return {
    ok: false,
    code: "internal",
    message: `Something went wrong on our side (request ${requestId}).`,
    requestId,
  };
}

/**
 * The failure shape as an HTTP response: `{ error: { code, message, fieldErrors?, requestId } }`
 * (docs/decisions/009-idempotency-etags-and-ingestion.md). Every REST error carries the request id.
 */
export function failureResponse(failure: Extract<ActionResult<never>, { ok: false }>, requestId?: string): Response {
  const headers: Record<string, string> = {};
  if (failure.retryAfterSeconds) headers["Retry-After"] = String(failure.retryAfterSeconds);
  const { ok: _ok, rateLimit, replay: _replay, ...body } = failure;
  if (rateLimit) Object.assign(headers, rateLimitHeaders(rateLimit));
  return jsonResponse(
    { error: { ...body, requestId: body.requestId ?? requestId } },
    { status: ERROR_STATUS[failure.code], headers },
  );
}
