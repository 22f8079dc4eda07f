/** What the chokepoint needs to know about the request: who, and from where. */
export interface RequestContext {
  sessionToken: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** Auth.js session cookie names (database sessions: the value is the session token). */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

function firstIp(forwardedFor: string | null): string | null {
  const ip = forwardedFor?.split(",")[0]?.trim();
  return ip ? ip.slice(0, 64) : null;
}

/** Builds the context from header values (route handlers and server actions share this). */
export function contextFromHeaders(
  get: (name: string) => string | null,
  cookie: (name: string) => string | undefined,
): RequestContext {
  const sessionToken = SESSION_COOKIES.map((name) => cookie(name)).find((value) => value) ?? null;
  return {
    sessionToken,
    ip: firstIp(get("x-forwarded-for")) ?? get("x-real-ip"),
    userAgent: get("user-agent")?.slice(0, 512) ?? null,
  };
}

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) cookies.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  return cookies;
}

/** The context of a route handler's Request. */
export function contextFromRequest(request: Request): RequestContext {
  const cookies = parseCookies(request.headers.get("cookie"));
  return contextFromHeaders(
    (name) => request.headers.get(name),
    (name) => cookies.get(name),
  );
}
