import { z } from "zod";

/**
 * Text a person typed: well-formed Unicode (no lone surrogates) without control
 * characters (NUL and friends), which PostgreSQL refuses or which hide things.
 */
export function plainText(max: number, what = "This field") {
  return (
    z
      .string()
      .max(max, `${what} is too long (at most ${max} characters)`)
      .refine((value) => value.isWellFormed(), `${what} contains characters that are not valid text`)
      // eslint-disable-next-line no-control-regex -- control characters are what is refused
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), `${what} contains control characters`)
  );
}
