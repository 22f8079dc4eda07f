import { z } from "zod";

/** `?format=` of `GET /api/workspaces/{id}/audit-log`: JSON (one page) or a CSV file (every page). */
export const auditResponseFormatSchema = z
  .object({
    format: z
      .array(z.string())
      .max(1, "Format was given more than once; give it once.")
      .transform((values) => values[0] ?? "json")
      .pipe(z.enum(["json", "csv"], { error: "Format must be json or csv." })),
  })
  .transform(({ format }) => format);

export type AuditResponseFormat = z.output<typeof auditResponseFormatSchema>;

/** Takes `format` out of the query (the rest are filters) and reads it. */
export function auditResponseFormatFrom(params: URLSearchParams) {
  const values = params.getAll("format").filter((value) => value !== "");
  params.delete("format");
  return auditResponseFormatSchema.safeParse({ format: values });
}
