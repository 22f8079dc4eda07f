import { requestStore } from "../request-store";

/**
 * The address of the client, as far as it can be trusted.
 *
 * The connection's own peer address comes from our HTTP server
 * (scripts/start-server.mjs), which runs each request inside an
 * AsyncLocalStorage holding `socket.remoteAddress`; no header a client can
 * send reaches it. `X-Forwarded-For` is believed only for the number of proxy
 * hops in front of the app (`TRUSTED_PROXY_HOPS`): with 0 the peer address is
 * the client; with N the N-th address from the right of the chain
 * (`X-Forwarded-For` entries, then the peer) is.
 */
/** The store the HTTP server fills; one per process, shared across bundles. */
export const peerAddressStore = requestStore;

/** The current request's TCP peer address, or null when the app is not served by our server. */
export function currentPeerAddress(): string | null {
  return normalizeAddress(peerAddressStore().getStore()?.peerAddress ?? null);
}

export function clientIp(forwardedFor: string | null, peerAddress: string | null, trustedHops: number): string | null {
  if (!peerAddress) return null; // unknown connection: nothing in the headers can be trusted either
  if (trustedHops <= 0) return peerAddress;
  const forwarded = (forwardedFor ?? "")
    .split(",")
    .map((part) => normalizeAddress(part.trim()))
    .filter((part): part is string => part !== null);
  const chain = [...forwarded, peerAddress];
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? null;
}

/** An IP address as text (IPv4-mapped IPv6 shown as IPv4), or null when it is not one. */
export function normalizeAddress(value: string | null): string | null {
  if (!value) return null;
  const address = value.startsWith("::ffff:") && value.includes(".") ? value.slice(7) : value;
  return /^[0-9a-fA-F:.]{2,45}$/.test(address) && (address.includes(".") || address.includes(":")) ? address : null;
}
