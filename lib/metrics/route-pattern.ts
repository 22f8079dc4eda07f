type Params = Record<string, string | string[] | undefined>;

// Ids a URL may carry outside the route's parameters must never become label values.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The route's pattern, as its folder under app/ names it: `/api/workspaces/[workspaceId]/team`,
 * never a concrete id, so the label's values are as few as the routes (docs/metrics.md). Each path
 * segment that is the value of one of the route's parameters becomes `[name]` (`[...name]` for a
 * catch-all); a stray UUID becomes `[id]`.
 */
export function routePattern(pathname: string, params: Params = {}): string {
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string" && value !== "") names.set(value, `[${name}]`);
    if (Array.isArray(value)) for (const part of value) if (part !== "") names.set(part, `[...${name}]`);
  }
  const segments: string[] = [];
  for (const raw of pathname.split("/")) {
    const segment = decoded(raw);
    const named = names.get(segment) ?? (UUID.test(segment) ? "[id]" : segment);
    // A catch-all's segments become one.
    if (named.startsWith("[...") && segments.at(-1) === named) continue;
    segments.push(named);
  }
  return segments.join("/") || "/";
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
