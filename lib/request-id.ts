/**
 * Request ids: our server (scripts/start-server.mjs, which repeats this pattern in plain JavaScript)
 * and proxy.ts take a well-formed X-Request-Id from the caller, so one id follows a request through
 * a load balancer and our logs, and make one up otherwise. See docs/operations.md ("Logs").
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

/** The caller's id when well-formed, else a new UUID. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && REQUEST_ID_PATTERN.test(header) ? header : crypto.randomUUID();
}
