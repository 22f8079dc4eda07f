import type { Params } from "./params";
import type { FakeStripeState } from "./state";

export interface RouteContext {
  state: FakeStripeState;
  params: Params;
  /** The path's captures (ids). */
  path: string[];
  /** The fake's own base URL, e.g. http://127.0.0.1:41234 (for the hosted pages' urls). */
  baseUrl: string;
}

export interface Route {
  method: "GET" | "POST" | "DELETE";
  pattern: RegExp;
  handle: (context: RouteContext) => unknown;
}

/** Stripe's list object, with `limit` (1–100, default 10) and `starting_after` over items in order. */
export function listOf<T extends { id: string }>(items: T[], params: Params, url: string) {
  const limit = Math.min(Math.max(params.integer("limit") ?? 10, 1), 100);
  const after = params.string("starting_after");
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => item.id === after);
    start = index < 0 ? items.length : index + 1;
  }
  const data = items.slice(start, start + limit);
  return { object: "list", data, has_more: start + limit < items.length, url };
}
