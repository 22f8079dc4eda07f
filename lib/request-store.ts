import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What our HTTP server (scripts/start-server.mjs) knows about the request being
 * handled, kept in an AsyncLocalStorage it runs each request inside: the TCP
 * peer address (lib/access/client-ip.ts) and, when the server counts them, the
 * SQL statements the request sent (lib/db/statement-counter.ts). One store per
 * process, shared across bundles through a global symbol.
 */
export interface RequestStore {
  peerAddress: string | undefined;
  /** Present when the server counts statements (`--count-statements`). */
  statements?: number;
}

const REQUEST_STORE = Symbol.for("settings-platform.peer-address");

export function requestStore(): AsyncLocalStorage<RequestStore> {
  const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestStore> | undefined>;
  return (holder[REQUEST_STORE] ??= new AsyncLocalStorage());
}
