import { z } from "zod";
import { idempotencyKeySchema, MAX_BATCH_ITEMS } from "../api/batch-items";

/** How far back a report may be dated: usage older than this is not accepted any more. */
export const MAX_REPORT_AGE_DAYS = 35;

/** One usage report: traces the platform recorded, once per idempotency key. */
export const usageReportSchema = z
  .object({
    traces: z
      .number({ error: "traces must be a number" })
      .int("traces must be a whole number")
      .min(1, "traces must be at least 1 (send nothing when there is nothing to report)")
      .max(1_000_000_000, "traces is too large for one report (at most 1,000,000,000)"),
    idempotencyKey: idempotencyKeySchema,
    /** When the traces happened (ISO 8601); omitted: now. Decides the day and the billing period. */
    timestamp: z.iso
      .datetime({ offset: true, error: "timestamp must be an ISO 8601 date-time, like 2026-11-27T10:00:00Z" })
      .optional()
      .refine((value) => !value || Date.parse(value) <= Date.now() + 5 * 60_000, "timestamp is in the future")
      .refine(
        (value) => !value || Date.parse(value) >= Date.now() - MAX_REPORT_AGE_DAYS * 86_400_000,
        `timestamp is more than ${MAX_REPORT_AGE_DAYS} days old`,
      ),
  })
  .strict();
export type UsageReport = z.infer<typeof usageReportSchema>;

/** The batch form, as documented (each item is checked on its own; see lib/api/batch-items.ts). */
export const usageBatchSchema = z.object({ items: z.array(usageReportSchema).min(1).max(MAX_BATCH_ITEMS) }).strict();
