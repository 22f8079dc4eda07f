import { z } from "zod";
import { AppError } from "../errors";

/**
 * Opaque cursors for keyset pagination (`limit`, `cursor`, `next_cursor`): the sort key of the last
 * item sent, base64url-encoded JSON. A cursor that does not decode is a clear 400, never a 500.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.infer<T> {
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the refusal
  }
  throw new AppError("invalid_input", "Some fields need attention.", {
    fieldErrors: { cursor: ["That cursor is not valid: pass the next_cursor of the previous page unchanged."] },
  });
}
