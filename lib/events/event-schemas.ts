import { z } from "zod";
import { idempotencyKeySchema, MAX_BATCH_ITEMS } from "../api/batch-items";
import { plainText } from "../validation/plain-text";

/** The events the rest of the platform publishes through the API (the alerting service). */
export const PUBLISHABLE_EVENT_TYPES = ["alert.triggered", "alert.resolved"] as const;

export const alertEventSchema = z
  .object({
    type: z.enum(PUBLISHABLE_EVENT_TYPES, { error: "type must be alert.triggered or alert.resolved" }),
    /** Follows the alert from trigger to resolve (PagerDuty's dedup key, for one). */
    alertId: plainText(200, "alertId").min(1, "alertId must not be empty"),
    severity: z.enum(["info", "warning", "error", "critical"], {
      error: "severity must be info, warning, error or critical",
    }),
    title: plainText(300, "title").trim().min(1, "title must not be empty"),
    details: z
      .string()
      .max(4000, "details is too long (at most 4,000 characters)")
      .refine((value) => value.isWellFormed(), "details contains characters that are not valid text")
      .refine(
        // eslint-disable-next-line no-control-regex -- control characters (but tab and new lines) are refused
        (value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value),
        "details contains control characters",
      )
      .optional(),
    /** When the alert fired or resolved (ISO 8601); omitted: now. */
    occurredAt: z.iso
      .datetime({ offset: true, error: "occurredAt must be an ISO 8601 date-time, like 2026-11-27T10:00:00Z" })
      .optional(),
    idempotencyKey: idempotencyKeySchema,
  })
  .strict();
export type AlertEvent = z.infer<typeof alertEventSchema>;

export const alertEventBatchSchema = z
  .object({ items: z.array(alertEventSchema).min(1).max(MAX_BATCH_ITEMS) })
  .strict();
