import { requestIdFrom } from "../request-id";
import { env } from "../env";
import type { RateLimitState } from "../rate-limit/rate-limit-headers";
import { clientIp, currentPeerAddress } from "./client-ip";

/** What the chokepoint needs to know about the request: who, from where, and which request it is. */
export interface RequestContext {
  sessionToken: string | null;
  /** The client's address as far as it can be trusted (see client-ip.ts); null when unknown. */
  ip: string | null;
  userAgent: string | null;
  /** Set by proxy.ts on every request (or made here); in logs, error messages and the audit log. */
  requestId?: string;
  /**
   * REST only: the `Authorization: Bearer` value when the request sent that header (an API key;
   * "" when the header is not a Bearer credential). When set, the session cookie is ignored: one
   * request, one principal. Server actions never read it: they stay session-only.
   */
  bearer?: string | null;
  /** A REST request (a route handler's): its refusals may suggest an API key. */
  rest?: boolean;
  /** An API key's per-minute budget after this request, set by the chokepoint: RateLimit-* headers. */
  rateLimit?: RateLimitState;
}

/** Auth.js session cookie names (database sessions: the value is the session token). */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** Builds the context from header values (route handlers and server actions share this). */
export function contextFromHeaders(
  get: (name: string) => string | null,
  cookie: (name: string) => string | undefined,
): RequestContext {
  const sessionToken = SESSION_COOKIES.map((name) => cookie(name)).find((value) => value) ?? null;
  return {
    sessionToken,
    ip: clientIp(get("x-forwarded-for"), currentPeerAddress(), env.TRUSTED_PROXY_HOPS),
    userAgent: get("user-agent")?.slice(0, 512) ?? null,
    requestId: requestIdFrom(get("x-request-id")),
  };
}

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) cookies.set(part.slice(0, index).trim(), decodeCookie(part.slice(index + 1).trim()));
  }
  return cookies;
}

/** The context of a route handler's Request: a session cookie, or an API key (docs/decisions/008-api-keys-and-scopes.md). */
export function contextFromRequest(request: Request): RequestContext {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const bearer = /^Bearer +(\S+) *$/i.exec(authorization)?.[1] ?? "";
    return {
      ...contextFromHeaders(
        (name) => request.headers.get(name),
        () => undefined,
      ),
      bearer,
      rest: true,
    };
  }
  const cookies = parseCookies(request.headers.get("cookie"));
  return {
    ...contextFromHeaders(
      (name) => request.headers.get(name),
      (name) => cookies.get(name),
    ),
    rest: true,
  };
}

function decodeCookie(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a malformed cookie is just an unknown value, never an error
  }
}
