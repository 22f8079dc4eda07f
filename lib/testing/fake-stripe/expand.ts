import type { FakeStripeState, StripeObject } from "./state";

/**
 * Stripe's `expand[]`: each dotted path names a field holding an id that is replaced by the object
 * (`data.product` on a list, `items.data.price.product` on a subscription). Works on a copy.
 */
export function expandPaths<T>(value: T, paths: string[], state: FakeStripeState): T {
  let result = structuredClone(value);
  for (const path of paths) result = expandOne(result, path.split("."), state) as T;
  return result;
}

function expandOne(value: unknown, segments: string[], state: FakeStripeState): unknown {
  if (Array.isArray(value)) return value.map((item) => expandOne(item, segments, state));
  if (value === null || typeof value !== "object" || segments.length === 0) return value;
  const [head, ...rest] = segments as [string, ...string[]];
  const record = value as Record<string, unknown>;
  const field = record[head];
  if (rest.length === 0) {
    if (typeof field === "string") {
      const found: StripeObject | undefined = state.find(field);
      if (found) record[head] = structuredClone(found);
    }
    return record;
  }
  record[head] = expandOne(field, rest, state);
  return record;
}
