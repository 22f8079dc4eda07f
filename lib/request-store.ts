import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What our HTTP server (scripts/start-server.mjs) knows about the request being
 * handled, kept in an AsyncLocalStorage it runs each request inside: the TCP
 * peer address (lib/access/client-ip.ts), the request id (on every log line: lib/logger.ts) and, when the server counts them, the
 * SQL statements the request sent (lib/db/statement-counter.ts). One store per
 * process, shared across bundles through a global symbol.
 */
export interface RequestStore {
  peerAddress: string | undefined;
  /** The request's id (X-Request-Id, taken from the client when well-formed, else generated): on every log line. */
  requestId?: string;
  /** Present when the server counts statements (`--count-statements`). */
  statements?: number;
}

const REQUEST_STORE = Symbol.for("settings-platform.peer-address");

export function requestStore(): AsyncLocalStorage<RequestStore> {
  const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestStore> | undefined>;
  return (holder[REQUEST_STORE] ??= new AsyncLocalStorage());
}

/** The id of the request being handled, if any (a job or script has none). */
export function currentRequestId(): string | undefined {
  return requestStore().getStore()?.requestId;
}
