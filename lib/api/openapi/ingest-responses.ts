import { z } from "zod";
import { idempotencyKeySchema } from "../batch-items";
import { dataEnvelope, idSchema } from "./common-schemas";

/** A refused item (lib/api/batch-items.ts `ItemOutcome`): the others are still recorded. */
const rejectedItemSchema = z.strictObject({
  index: z.number().int().min(0),
  idempotencyKey: z.string().nullable().meta({ description: "null when the item had none." }),
  status: z.literal("rejected"),
  error: z.strictObject({
    code: z.enum(["invalid_input", "conflict", "usage_limit_exceeded"]),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    retryAfterSeconds: z.number().int().positive().optional().meta({
      description: "With usage_limit_exceeded: seconds until the billing period resets and the limit with it.",
    }),
  }),
});

/** One ingestion answer: an outcome per item, in the order sent. */
function batchAnswer<T extends z.ZodRawShape>(recorded: T, id: string) {
  const recordedItem = z.strictObject({
    index: z.number().int().min(0).meta({ description: "The item's position in the request (0 for a single item)." }),
    idempotencyKey: idempotencyKeySchema,
    status: z.literal("recorded").meta({ description: "Recorded now, or earlier under the same idempotencyKey." }),
    ...recorded,
  });
  return dataEnvelope(
    z
      .strictObject({
        items: z.array(z.discriminatedUnion("status", [recordedItem, rejectedItemSchema])),
        recorded: z.number().int().min(0),
        rejected: z.number().int().min(0),
      })
      .meta({ id }),
  );
}

/** lib/usage/record-usage.ts `RecordedUsage`. */
export const usageAnswerResponse = batchAnswer(
  {
    traces: z.number().int().min(0),
    day: z.iso.date().meta({ description: "The UTC day the traces count on." }),
  },
  "UsageOutcome",
);

/** lib/events/ingest-events.ts `AcceptedEvent`. */
export const eventAnswerResponse = batchAnswer({ eventId: idSchema }, "EventOutcome");
