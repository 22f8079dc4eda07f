import { z } from "zod";

/** Filters of the audit log page and `GET /api/workspaces/{id}/audit-log` (one schema for both). */
export const auditFiltersSchema = z
  .object({
    actor: z.string().trim().max(320).optional(),
    action: z
      .string()
      .trim()
      .max(64)
      .regex(/^[a-z_.]*$/, "Actions look like member.role_changed")
      .optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .strict();

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export const AUDIT_PAGE_SIZE = 25;

/** Reads filters from URL search params; empty values count as absent. */
export function auditFiltersFrom(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const raw = Object.fromEntries(entries.filter(([, v]) => typeof v === "string" && v !== ""));
  return auditFiltersSchema.safeParse(raw);
}
