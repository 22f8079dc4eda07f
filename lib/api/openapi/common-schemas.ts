import { z } from "zod";
import { workspaceIdSchema } from "../../access/ids";
import { ROLES } from "../../access/permissions";

/**
 * Building blocks of the documented response shapes. Responses are strict objects: the tests parse
 * real answers with them, so a field the API sends but the document does not name fails a test.
 */

export const idSchema = z.guid().meta({ example: "5b0c6f0e-8a51-4a0f-9d1e-2f1c0d9a7b34" });

/** A timestamp as the API writes it (ISO 8601, UTC). */
export const timestampSchema = z.iso.datetime().meta({ example: "2026-11-27T10:00:00.000Z" });
export const nullableTimestampSchema = timestampSchema.nullable();

export const roleSchema = z.enum(ROLES).meta({ id: "Role", description: "A member's role, highest first." });

/** The cursor for the next page (`cursor=` on the next request), or null on the last page. */
export const nextCursorSchema = z
  .string()
  .nullable()
  .meta({ description: "Pass as `cursor` to get the next page; null on the last page.", example: null });

/** Every successful JSON answer but `/api/health`'s: `{ data }`. */
export function dataEnvelope<T extends z.ZodType>(data: T) {
  return z.strictObject({ data });
}

/** `{workspaceId}` in every workspace path. */
export const workspacePathSchema = z.object({
  workspaceId: workspaceIdSchema.meta({
    description: "The workspace's id (the one in the settings URL, `/w/{workspaceId}/settings`).",
    example: "00000000-0000-0000-0000-000000000001",
  }),
});
