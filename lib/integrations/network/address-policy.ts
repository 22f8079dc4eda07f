import { isIPv4, isIPv6 } from "node:net";

/**
 * Which addresses integrations may reach (docs/integrations.md, "Outgoing network rules"): public
 * unicast only. A webhook URL is chosen by a workspace admin, so without this rule the delivery
 * worker would be a proxy into our own network (cloud metadata at 169.254.169.254, databases on
 * 10/8, the app itself on loopback). Ranges follow the IANA special-purpose registries.
 */

type Rule = [cidr: string, reason: string];

const IPV4_RULES: Rule[] = [
  ["0.0.0.0/8", "unspecified"],
  ["10.0.0.0/8", "private network (10.0.0.0/8)"],
  ["100.64.0.0/10", "carrier-grade NAT (100.64.0.0/10)"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local / cloud metadata"],
  ["172.16.0.0/12", "private network (172.16.0.0/12)"],
  ["192.0.0.0/24", "reserved (192.0.0.0/24)"],
  ["192.0.2.0/24", "documentation (192.0.2.0/24)"],
  ["192.88.99.0/24", "reserved (192.88.99.0/24)"],
  ["192.168.0.0/16", "private network (192.168.0.0/16)"],
  ["198.18.0.0/15", "benchmarking (198.18.0.0/15)"],
  ["198.51.100.0/24", "documentation (198.51.100.0/24)"],
  ["203.0.113.0/24", "documentation (203.0.113.0/24)"],
  ["224.0.0.0/4", "multicast"],
  ["255.255.255.255/32", "broadcast"],
  ["240.0.0.0/4", "reserved (240.0.0.0/4)"],
];

/** IPv6 rules checked before the "global unicast only" rule; tunnels that embed IPv4 are handled apart. */
const IPV6_RULES: Rule[] = [
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["64:ff9b:1::/48", "reserved (local-use NAT64, 64:ff9b:1::/48)"],
  ["2001:db8::/32", "documentation (2001:db8::/32)"],
  ["3fff::/20", "documentation (3fff::/20)"],
  ["fc00::/7", "unique local (fc00::/7)"],
  ["fe80::/10", "link-local (fe80::/10)"],
  ["ff00::/8", "multicast"],
];

function parseIPv4(ip: string): number {
  return ip.split(".").reduce((value, part) => value * 256 + Number(part), 0);
}

/** The 128 bits of an IPv6 address (zone id dropped, a dotted IPv4 tail allowed). */
function parseIPv6(ip: string): bigint {
  const address = ip.replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  const text = dotted
    ? address.slice(0, dotted.index) +
      ((n) => `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`)(parseIPv4(dotted[1]!))
    : address;
  const [head = "", tail] = text.split("::");
  const words = (part: string) => (part ? part.split(":") : []);
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return all.reduce((value, word) => (value << 16n) | BigInt(parseInt(word, 16)), 0n);
}

function inIPv4(address: number, [cidr]: Rule): boolean {
  const [base = "", bits = "32"] = cidr.split("/");
  const shift = 32 - Number(bits);
  return shift === 32 || Math.floor(address / 2 ** shift) === Math.floor(parseIPv4(base) / 2 ** shift);
}

function inIPv6(address: bigint, cidr: string): boolean {
  const [base = "", bits = "128"] = cidr.split("/");
  const shift = BigInt(128 - Number(bits));
  return address >> shift === parseIPv6(base) >> shift;
}

function refusalOfIPv4(address: number): string | null {
  return IPV4_RULES.find((rule) => inIPv4(address, rule))?.[1] ?? null;
}

const low32 = (address: bigint) => Number(address & 0xffffffffn);

/** An IPv4 address carried inside an IPv6 one (mapped, NAT64, 6to4, Teredo) is judged as that IPv4 address. */
function embeddedIPv4(address: bigint): { ipv4: number; via: string | null } | null {
  if (inIPv6(address, "::ffff:0:0/96")) return { ipv4: low32(address), via: null };
  if (inIPv6(address, "64:ff9b::/96")) return { ipv4: low32(address), via: "NAT64" };
  if (inIPv6(address, "2002::/16")) return { ipv4: Number((address >> 80n) & 0xffffffffn), via: "6to4" };
  // Teredo carries the client's IPv4 address inverted in the last 32 bits (RFC 4380).
  if (inIPv6(address, "2001::/32")) return { ipv4: ~low32(address) >>> 0, via: "Teredo" };
  return null;
}

function refusalOfIPv6(address: bigint): string | null {
  const embedded = embeddedIPv4(address);
  if (embedded) {
    const reason = refusalOfIPv4(embedded.ipv4);
    return reason && embedded.via ? `${reason} (via ${embedded.via})` : reason;
  }
  const rule = IPV6_RULES.find(([cidr]) => inIPv6(address, cidr));
  if (rule) return rule[1];
  if (inIPv6(address, "2001::/23")) return "reserved (2001::/23)";
  // Everything outside 2000::/3 is unallocated or special (IPv4-compatible, discard-only, site-local…).
  if (!inIPv6(address, "2000::/3")) return "reserved (not global unicast)";
  return null;
}

/** Null for a public unicast address; otherwise a short reason ("loopback", "private network (10.0.0.0/8)"…). */
export function refusalOfAddress(ip: string): string | null {
  if (isIPv4(ip)) return refusalOfIPv4(parseIPv4(ip));
  if (isIPv6(ip)) return refusalOfIPv6(parseIPv6(ip));
  return "not an IP address";
}

/** The first refused address of a host's addresses with its reason, or null when all are public. */
export function firstRefusedAddress(addresses: readonly string[]): { address: string; reason: string } | null {
  for (const address of addresses) {
    const reason = refusalOfAddress(address);
    if (reason) return { address, reason };
  }
  return null;
}

/** "an unspecified address", "a unique local (fc00::/7) address". */
const withArticle = (reason: string) => `${/^([aeio]|un(?!i))/i.test(reason) ? "an" : "a"} ${reason} address`;

/**
 * The sentence shown for a refused destination, naming the host and address only (never the URL's
 * path or query, which may carry a token): "127.0.0.1 is a loopback address; …" or
 * "hooks.internal resolves to 10.0.0.5, a private network (10.0.0.0/8) address; …".
 */
export function refusedAddressMessage(host: string, refused: { address: string; reason: string }): string {
  const what =
    host === refused.address
      ? `${host} is ${withArticle(refused.reason)}`
      : `${host} resolves to ${refused.address}, ${withArticle(refused.reason)}`;
  return `${what}; integrations may only reach public addresses`;
}
