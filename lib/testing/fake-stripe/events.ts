import type { Route } from "./route";
import { listOf } from "./route";
import { invalidParam } from "./stripe-error";
import type { FakeEvent } from "./state";

export const eventRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/v1\/events$/,
    handle: ({ state, params }) => {
      const created = params.raw.created;
      const bounds = typeof created === "object" && !Array.isArray(created) ? params.nested("created") : undefined;
      const exact = typeof created === "string" ? params.integer("created") : undefined;
      const types = params.strings("types");
      const type = params.string("type");
      if (types.length > 0 && type)
        throw invalidParam("types", "You may only specify one of these parameters: type, types.");
      const matchesType = (event: FakeEvent) => {
        const wanted = type ? [type] : types;
        if (wanted.length === 0) return true;
        return wanted.some((pattern) =>
          pattern.endsWith(".*") ? event.type.startsWith(pattern.slice(0, -1)) : event.type === pattern,
        );
      };
      const inRange = (event: FakeEvent) =>
        (exact === undefined || event.created === exact) &&
        (bounds?.integer("gte") === undefined || event.created >= bounds.integer("gte")!) &&
        (bounds?.integer("gt") === undefined || event.created > bounds.integer("gt")!) &&
        (bounds?.integer("lte") === undefined || event.created <= bounds.integer("lte")!) &&
        (bounds?.integer("lt") === undefined || event.created < bounds.integer("lt")!);
      // Newest first, as Stripe lists them.
      const events = [...state.events].reverse().filter((event) => matchesType(event) && inRange(event));
      return listOf(events, params, "/v1/events");
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/events\/([^/]+)$/,
    handle: ({ state, path }) => state.get(path[0]!, "event", "event"),
  },
];
