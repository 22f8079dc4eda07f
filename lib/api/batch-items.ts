import { z } from "zod";
import { AppError, fieldErrorsOf, type FieldErrors } from "../errors";

/** The most items one ingestion request may carry. */
export const MAX_BATCH_ITEMS = 1000;

/** How one item of a batch was answered; repeating the same item answers the same. */
export type ItemOutcome<T> =
  | ({ index: number; idempotencyKey: string; status: "recorded" } & T)
  | {
      index: number;
      idempotencyKey: string | null;
      status: "rejected";
      error: {
        code: "invalid_input" | "conflict" | "usage_limit_exceeded";
        message: string;
        fieldErrors?: FieldErrors;
        /** usage_limit_exceeded: seconds until the billing period resets. */
        retryAfterSeconds?: number;
      };
    };

/** One item or `{ items: [...] }`: the envelope is checked here, each item by its own schema. */
const envelopeSchema = z
  .object({
    items: z
      .array(z.unknown())
      .min(1, "Send at least one item")
      .max(MAX_BATCH_ITEMS, `Send at most ${MAX_BATCH_ITEMS} items per request`),
  })
  .strict();

export interface ParsedBatch<T> {
  valid: { index: number; item: T }[];
  rejected: Extract<ItemOutcome<never>, { status: "rejected" }>[];
  size: number;
  /** The body was one item, not `{items}` (a refusal of it is answered as the request's error). */
  single: boolean;
}

/**
 * Splits a request body into items and validates each with `schema`: a bad item is answered on its own
 * (the valid ones are still recorded); a body that is neither an item nor `{items}` is a 400. An item
 * that repeats an earlier idempotency key of the same batch is answered like the earlier one when it
 * is the same, and rejected when it differs.
 */
export function parseBatch<S extends z.ZodType<{ idempotencyKey: string }>>(
  body: unknown,
  schema: S,
  same: (a: z.infer<S>, b: z.infer<S>) => boolean,
): ParsedBatch<z.infer<S>> & { duplicates: { index: number; of: number }[] } {
  const isEnvelope = typeof body === "object" && body !== null && !Array.isArray(body) && "items" in body;
  let items: unknown[];
  if (isEnvelope) {
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) {
      throw new AppError("invalid_input", "Some fields need attention.", {
        fieldErrors: fieldErrorsOf(envelope.error),
      });
    }
    items = envelope.data.items;
  } else {
    items = [body];
  }
  const valid: { index: number; item: z.infer<S> }[] = [];
  const rejected: ParsedBatch<never>["rejected"] = [];
  const duplicates: { index: number; of: number }[] = [];
  const firstByKey = new Map<string, { index: number; item: z.infer<S> }>();
  items.forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    const key =
      typeof (raw as { idempotencyKey?: unknown })?.idempotencyKey === "string"
        ? (raw as { idempotencyKey: string }).idempotencyKey
        : null;
    if (!parsed.success) {
      if (!isEnvelope)
        throw new AppError("invalid_input", "Some fields need attention.", {
          fieldErrors: fieldErrorsOf(parsed.error),
        });
      rejected.push({
        index,
        idempotencyKey: key,
        status: "rejected",
        error: {
          code: "invalid_input",
          message: "This item needs attention.",
          fieldErrors: fieldErrorsOf(parsed.error),
        },
      });
      return;
    }
    const first = firstByKey.get(parsed.data.idempotencyKey);
    if (first) {
      if (same(first.item, parsed.data)) duplicates.push({ index, of: first.index });
      else
        rejected.push({
          index,
          idempotencyKey: parsed.data.idempotencyKey,
          status: "rejected",
          error: {
            code: "conflict",
            message: "An earlier item of this batch has the same idempotencyKey with other content.",
          },
        });
      return;
    }
    firstByKey.set(parsed.data.idempotencyKey, { index, item: parsed.data });
    valid.push({ index, item: parsed.data });
  });
  return { valid, rejected, duplicates, size: items.length, single: !isEnvelope };
}

/** An item answered `rejected` with why (a conflict: its idempotency key stands for something else). */
export function rejectedItem<T>(index: number, idempotencyKey: string, message: string): ItemOutcome<T> {
  return { index, idempotencyKey, status: "rejected", error: { code: "conflict", message } };
}

/** The answers in the order of the request, duplicates answered like the item they repeat. */
export function orderOutcomes<T>(
  size: number,
  answered: ItemOutcome<T>[],
  duplicates: { index: number; of: number }[],
): ItemOutcome<T>[] {
  const byIndex = new Map(answered.map((outcome) => [outcome.index, outcome]));
  for (const { index, of } of duplicates) byIndex.set(index, { ...byIndex.get(of)!, index });
  return Array.from({ length: size }, (_, index) => byIndex.get(index)!);
}

/** A printable idempotency key: what the caller uses to make a repeat harmless. */
export const idempotencyKeySchema = z
  .string({ error: "idempotencyKey is required: a unique string per report, reused only to repeat it" })
  .min(1, "idempotencyKey must not be empty")
  .max(255, "idempotencyKey is too long (at most 255 characters)")
  .regex(/^[\x21-\x7e]+$/, "idempotencyKey must be printable ASCII without spaces");
