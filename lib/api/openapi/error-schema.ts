import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "../../errors";

export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

const CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The error envelope every refusal and failure uses (lib/errors.ts `failureResponse`). */
export const apiErrorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(CODES).meta({
        description:
          "What went wrong, for programs: each code has one HTTP status (invalid_input 400, unauthorized 401, " +
          "forbidden 403, not_found 404, conflict 409, precondition_failed 412, payload_too_large 413, " +
          "unsupported_media_type 415, rate_limited 429, usage_limit_exceeded 429, internal 500, not_implemented 501).",
      }),
      message: z.string().meta({ description: "What went wrong, for people: safe to show as it is." }),
      fieldErrors: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .meta({
          description:
            'With invalid_input: messages by field, keyed by the dotted path of the field ("" for the whole body, ' +
            '"Idempotency-Key" for that header).',
          example: { emails: ["Enter at least one email address"] },
        }),
      requestId: z.string().meta({
        description: "Quote it when you contact support: the server's logs are keyed by it.",
        example: "0c5e7a52-1d3b-4e4f-9a57-3d2b8f6f4e21",
      }),
      retryAfterSeconds: z.number().int().positive().optional().meta({
        description:
          "With rate_limited and usage_limit_exceeded (and a conflict still in progress): when to try again, as Retry-After.",
      }),
    }),
  })
  .meta({ id: "Error", description: "Every error response: `{ error: { code, message, … } }`." });

/** The code each documented status carries (the inverse of ERROR_STATUS). */
export function errorCodeOf(status: number): ErrorCode | undefined {
  return CODES.find((code) => ERROR_STATUS[code] === status);
}
