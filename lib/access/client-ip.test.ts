// Whose address is it: the TCP peer, or X-Forwarded-For believed for exactly TRUSTED_PROXY_HOPS proxies.
import { describe, expect, it } from "vitest";
import { clientIp, currentPeerAddress, normalizeAddress, peerAddressStore } from "./client-ip";

describe("clientIp", () => {
  const chain = "203.0.113.66, 10.9.8.7";
  const table: [forwardedFor: string | null, peer: string | null, hops: number, expected: string | null][] = [
    // No proxy trusted: the connection's peer is the client, whatever the header says.
    [chain, "127.0.0.1", 0, "127.0.0.1"],
    [null, "127.0.0.1", 0, "127.0.0.1"],
    ["198.51.100.1", "192.0.2.10", 0, "192.0.2.10"],
    // One proxy (the peer) trusted: the address it saw connecting, the rightmost forwarded entry.
    [chain, "127.0.0.1", 1, "10.9.8.7"],
    // Two: the one before that.
    [chain, "127.0.0.1", 2, "203.0.113.66"],
    // More hops than the chain: the leftmost entry (as far as the chain goes), never undefined.
    [chain, "127.0.0.1", 3, "203.0.113.66"],
    [chain, "127.0.0.1", 5, "203.0.113.66"],
    // A spoofed entry added by the client sits to the left of what our proxy appended.
    ["6.6.6.6, 203.0.113.66", "10.0.0.2", 1, "203.0.113.66"],
    // Trusted proxies but no header: the peer.
    [null, "10.0.0.2", 1, "10.0.0.2"],
    ["", "10.0.0.2", 1, "10.0.0.2"],
    // Unknown connection: nothing can be trusted, whatever the header and hops.
    [chain, null, 0, null],
    [chain, null, 1, null],
    [chain, null, 2, null],
    [chain, "", 1, null],
    // Garbage entries are ignored (they are not addresses).
    ["203.0.113.66, not-an-ip, 10.9.8.7", "127.0.0.1", 1, "10.9.8.7"],
    ["203.0.113.66, <script>, 10.9.8.7, unknown", "127.0.0.1", 2, "203.0.113.66"],
    ["garbage", "127.0.0.1", 1, "127.0.0.1"],
    [" , ,, ", "127.0.0.1", 1, "127.0.0.1"],
    // IPv4-mapped IPv6 in the header is shown as IPv4; IPv6 passes as is.
    ["::ffff:203.0.113.66", "127.0.0.1", 1, "203.0.113.66"],
    ["2001:db8::1", "::1", 1, "2001:db8::1"],
  ];

  it.each(table)("XFF %j, peer %j, hops %i → %j", (forwardedFor, peer, hops, expected) => {
    expect(clientIp(forwardedFor, peer, hops)).toBe(expected);
  });
});

describe("normalizeAddress", () => {
  const table: [value: string | null, expected: string | null][] = [
    ["127.0.0.1", "127.0.0.1"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::ffff:203.0.113.66", "203.0.113.66"],
    ["::1", "::1"],
    ["2001:db8::1", "2001:db8::1"],
    ["10.9.8.7", "10.9.8.7"],
    ["", null],
    [null, null],
    ["unknown", null],
    ["localhost", null],
    ["1", null],
    ["<script>", null],
    ["1.2.3.4; DROP", null],
    ["a".repeat(46), null],
  ];

  it.each(table)("%j → %j", (value, expected) => {
    expect(normalizeAddress(value)).toBe(expected);
  });
});

describe("the peer address store", () => {
  it("outside a request served by our server there is no peer", () => {
    expect(currentPeerAddress()).toBeNull();
  });

  it("inside, the peer is the connection's address, normalized", async () => {
    await peerAddressStore().run({ peerAddress: "::ffff:127.0.0.1" }, async () => {
      await Promise.resolve();
      expect(currentPeerAddress()).toBe("127.0.0.1");
    });
    expect(peerAddressStore().run({ peerAddress: undefined }, () => currentPeerAddress())).toBeNull();
  });

  it("is one store per process (shared across module copies)", () => {
    expect(peerAddressStore()).toBe(peerAddressStore());
  });
});
