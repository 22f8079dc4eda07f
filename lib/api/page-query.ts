import { z } from "zod";

// No Node.js imports here: forms import the schemas that use this (cursors are decoded in lib/api/cursor.ts).

/** `limit` (1–100, default `defaultLimit`) and `cursor` query parameters, shared by every collection. */
export function pageQueryShapeOf(defaultLimit: number) {
  return {
    limit: z.coerce
      .number({ error: "limit must be a number" })
      .int("limit must be a whole number")
      .min(1, "limit must be at least 1")
      .max(100, "limit must be at most 100")
      .default(defaultLimit),
    cursor: z.string().max(500, "That cursor is not valid").optional(),
  };
}

export const pageQueryShape = pageQueryShapeOf(50);
