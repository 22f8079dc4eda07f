import { isIP } from "node:net";
import { firstRefusedAddress, refusedAddressMessage } from "./address-policy";
import { systemResolver, type Resolver } from "./resolver";
import { hostOf } from "./url-host";

export interface DestinationCheckOptions {
  /** Development and tests only (docs/integrations.md, "Outgoing network rules"): lifts the address rule. */
  allowPrivateNetworks: boolean;
  resolve?: Resolver;
}

/**
 * The save-time check of a destination URL: null when it may be saved, otherwise a field error that
 * says how to fix it. The same address rule runs again at connect time on the address actually
 * dialled (guarded-lookup.ts), since DNS may answer differently by then.
 *
 * WHATWG URL parsing normalises the odd IPv4 spellings (`0x7f000001`, `2130706433`, `017700000001`,
 * `127.1`) to dotted form, so the policy sees the address every HTTP client would connect to.
 */
export async function checkDestinationUrl(raw: string, options: DestinationCheckOptions): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, such as https://hooks.example.com/events";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an https:// or http:// URL";
  if (url.username || url.password) return "Remove the user name and password from the URL (the part before @)";
  const host = hostOf(url);
  if (!host) return "Enter a URL with a host name";

  if (isIP(host)) {
    const refused = options.allowPrivateNetworks ? null : firstRefusedAddress([host]);
    return refused ? refusedAddressMessage(host, refused) : null;
  }
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? systemResolver)(host);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) return `Could not resolve host ${host}; check the host name`;
  const refused = options.allowPrivateNetworks ? null : firstRefusedAddress(addresses);
  return refused ? refusedAddressMessage(host, refused) : null;
}
