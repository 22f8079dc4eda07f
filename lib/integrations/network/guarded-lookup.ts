import type { LookupAddress, LookupOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { firstRefusedAddress, refusedAddressMessage } from "./address-policy";
import { systemResolver, type Resolver } from "./resolver";

/** Raised at connect time when a host resolves to an address integrations may not reach. */
export class RefusedAddressError extends Error {
  readonly code = "EREFUSEDADDRESS";
  constructor(
    readonly hostname: string,
    refused: { address: string; reason: string },
  ) {
    super(refusedAddressMessage(hostname, refused));
    this.name = "RefusedAddressError";
  }
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`Could not resolve host ${hostname}`), { code: "ENOTFOUND", hostname });
}

function wantedFamily(options: LookupOptions): 4 | 6 | null {
  const family = options.family;
  if (family === 4 || family === "IPv4") return 4;
  if (family === 6 || family === "IPv6") return 6;
  return null;
}

/**
 * The `lookup` of every outgoing integration connection: the address policy applied to what DNS
 * answers at the moment of connecting, so a host that resolved to a public address when it was
 * saved and to 127.0.0.1 now (DNS rebinding) is refused before any byte is sent. Every address is
 * checked, not only the one dialled: with happy eyeballs Node may try any of them.
 *
 * Handles both forms Node uses: `all: true` (autoSelectFamily, the default) wants the list; otherwise
 * one address and its family. IP literals never reach a lookup; the transport checks them itself.
 */
export function guardedLookup(options: { allowPrivateNetworks: boolean; resolve?: Resolver }): LookupFunction {
  const resolve = options.resolve ?? systemResolver;
  return (hostname, lookupOptions, callback) => {
    const answer = async (): Promise<LookupAddress[]> => {
      const addresses = await resolve(hostname);
      const family = wantedFamily(lookupOptions);
      const usable = addresses
        .map((address) => ({ address, family: isIP(address) }))
        .filter((entry) => entry.family !== 0 && (family === null || entry.family === family));
      if (usable.length === 0) throw notFound(hostname);
      const refused = options.allowPrivateNetworks ? null : firstRefusedAddress(addresses);
      if (refused) throw new RefusedAddressError(hostname, refused);
      return usable;
    };
    answer().then(
      (usable) => {
        if (lookupOptions.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, lookupOptions.all ? [] : "", 0),
    );
  };
}
