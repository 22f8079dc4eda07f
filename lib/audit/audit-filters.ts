import { z } from "zod";

/** The date range the filters accept: earlier or later dates are typos, not audit history. */
export const AUDIT_DATE_MIN = "2000-01-01";
export const AUDIT_DATE_MAX = "9999-12-31";
export const AUDIT_MAX_PAGE = 10_000;

const UNREADABLE = /[\p{Cc}\p{Cs}\uFFFD]/u;

/** A free-text filter: one value, bounded, no NUL or other control characters, no broken encoding. */
const textFilter = (label: string, max: number) =>
  z
    .string({ error: `${label} was given more than once; give it once.` })
    .max(max, { message: `${label} is too long: at most ${max} characters.`, abort: true })
    .refine((value) => !UNREADABLE.test(value), {
      message: `${label} contains control characters or invalid text; use plain text.`,
      abort: true,
    })
    .trim();

const dateFilter = (label: string) => {
  const message = `${label} must be a date written YYYY-MM-DD, between ${AUDIT_DATE_MIN} and ${AUDIT_DATE_MAX}.`;
  return z
    .string({ error: `${label} was given more than once; give it once.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message, abort: true })
    .refine((value) => z.iso.date().safeParse(value).success && value >= AUDIT_DATE_MIN, { message, abort: true });
};

const pageMessage = `Page must be a whole number from 1 to ${AUDIT_MAX_PAGE.toLocaleString("en-US")}.`;

/** Filters of the audit log page and `GET /api/workspaces/{id}/audit-log` (one schema for both). */
export const auditFiltersSchema = z
  .strictObject(
    {
      /** Part of the actor's email address or name. */
      actor: textFilter("Actor", 320).optional(),
      /** An action (`member.role_changed`) or the start of one (`member.`). */
      action: textFilter("Action", 64)
        .pipe(
          z.string().regex(/^[a-z_.]*$/, "Action must look like member.role_changed (lowercase, dots, underscores)."),
        )
        .optional(),
      from: dateFilter("From").optional(),
      to: dateFilter("To").optional(),
      page: z
        .string({ error: "Page was given more than once; give it once." })
        .regex(/^\d{1,6}$/, { message: pageMessage, abort: true })
        .transform(Number)
        .pipe(z.number().int().min(1, pageMessage).max(AUDIT_MAX_PAGE, pageMessage))
        .optional(),
      /** REST: entries per answer (1–100; default 25) and the `next_cursor` of the previous answer. */
      limit: z
        .string({ error: "Limit was given more than once; give it once." })
        .regex(/^\d{1,3}$/, { message: "Limit must be a whole number from 1 to 100.", abort: true })
        .transform(Number)
        .pipe(z.number().int().min(1, "Limit must be at least 1.").max(100, "Limit must be at most 100."))
        .optional(),
      cursor: z
        .string({ error: "Cursor was given more than once; give it once." })
        .max(500, "That cursor is not valid: pass the next_cursor of the previous page unchanged.")
        .optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `Unknown filter ${issue.keys.map((key) => `“${key.slice(0, 40)}”`).join(", ")}: use actor, action, from, to, page, limit or cursor.`
          : undefined,
    },
  )
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, {
    message: "To must be on or after From.",
    path: ["to"],
  })
  .refine((filters) => !(filters.page && filters.cursor), {
    message: "Use either page or cursor, not both.",
    path: ["cursor"],
  })
  .transform((filters) => ({ ...filters, page: filters.page ?? 1 }));

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export const AUDIT_PAGE_SIZE = 25;

/** The filters that narrow the log (everything but the page), for links and the CSV export. */
export function auditFilterQuery(filters: Partial<AuditFilters>, extra: Record<string, string> = {}): string {
  const pairs = Object.entries({ ...filters, ...extra }).filter(
    ([key, value]) => !["page", "limit", "cursor"].includes(key) && typeof value === "string" && value !== "",
  ) as [string, string][];
  return new URLSearchParams(pairs).toString();
}

/**
 * Reads filters from URL search params; empty values count as absent, a
 * repeated parameter stays a list (and is refused).
 */
export function auditFiltersFrom(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const raw: Record<string, string | string[]> = {};
  const add = (key: string, value: string) => {
    if (value === "") return;
    const seen = raw[key];
    raw[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  };
  if (params instanceof URLSearchParams) params.forEach((value, key) => add(key, value));
  else
    for (const [key, value] of Object.entries(params)) {
      for (const item of Array.isArray(value) ? value : [value]) if (typeof item === "string") add(key, item);
    }
  return auditFiltersSchema.safeParse(raw);
}
