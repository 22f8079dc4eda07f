import { describe, expect, it } from "vitest";
import { firstRefusedAddress, refusalOfAddress, refusedAddressMessage } from "./address-policy";

describe("refusalOfAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["10.1.2.3", "private network (10.0.0.0/8)"],
    ["172.16.0.1", "private network (172.16.0.0/12)"],
    ["172.31.255.255", "private network (172.16.0.0/12)"],
    ["192.168.1.1", "private network (192.168.0.0/16)"],
    ["100.64.0.1", "carrier-grade NAT (100.64.0.0/10)"],
    ["100.127.255.255", "carrier-grade NAT (100.64.0.0/10)"],
    ["169.254.169.254", "link-local / cloud metadata"],
    ["192.0.0.8", "reserved (192.0.0.0/24)"],
    ["192.0.2.10", "documentation (192.0.2.0/24)"],
    ["198.51.100.7", "documentation (198.51.100.0/24)"],
    ["203.0.113.9", "documentation (203.0.113.0/24)"],
    ["198.18.0.1", "benchmarking (198.18.0.0/15)"],
    ["224.0.0.251", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved (240.0.0.0/4)"],
    ["255.255.255.255", "broadcast"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fd00::1", "unique local (fc00::/7)"],
    ["fc00::1", "unique local (fc00::/7)"],
    ["fd00:ec2::254", "unique local (fc00::/7)"],
    ["fe80::1", "link-local (fe80::/10)"],
    ["fe80::1%eth0", "link-local (fe80::/10)"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation (2001:db8::/32)"],
    ["3fff::1", "documentation (3fff::/20)"],
    ["fec0::1", "reserved (not global unicast)"],
    ["::127.0.0.1", "reserved (not global unicast)"],
    ["100::1", "reserved (not global unicast)"],
    ["2001:2::1", "reserved (2001::/23)"],
    ["64:ff9b:1::1", "reserved (local-use NAT64, 64:ff9b:1::/48)"],
    // IPv4-mapped IPv6 is the IPv4 address itself, in either spelling.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a9fe:a9fe", "link-local / cloud metadata"],
    ["::ffff:10.0.0.5", "private network (10.0.0.0/8)"],
    // Tunnels that carry an IPv4 address.
    ["64:ff9b::7f00:1", "loopback (via NAT64)"],
    ["64:ff9b::192.168.0.1", "private network (192.168.0.0/16) (via NAT64)"],
    ["2002:7f00:1::1", "loopback (via 6to4)"],
    ["2002:a00:1::", "private network (10.0.0.0/8) (via 6to4)"],
    // Teredo: the client address is the last 32 bits inverted (~127.0.0.1 = 80ff:fffe).
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback (via Teredo)"],
    ["not-an-ip", "not an IP address"],
    ["", "not an IP address"],
  ])("refuses %s (%s)", (ip, reason) => {
    expect(refusalOfAddress(ip)).toBe(reason);
  });

  it.each([
    "1.1.1.1",
    "8.8.8.8",
    "93.184.216.34",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "169.253.255.255",
    "192.169.0.1",
    "198.20.0.1",
    "223.255.255.255",
    "11.0.0.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001:82a::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
    "2001:0:4136:e378:8000:63bf:f7f7:f7f7",
  ])("allows the public address %s", (ip) => {
    expect(refusalOfAddress(ip)).toBeNull();
  });

  it("finds the first refused address of a list, and says so in words", () => {
    expect(firstRefusedAddress(["8.8.8.8", "2606:4700::1"])).toBeNull();
    const refused = firstRefusedAddress(["8.8.8.8", "10.0.0.5"]);
    expect(refused).toEqual({ address: "10.0.0.5", reason: "private network (10.0.0.0/8)" });
    expect(refusedAddressMessage("hooks.internal", refused!)).toBe(
      "hooks.internal resolves to 10.0.0.5, a private network (10.0.0.0/8) address; integrations may only reach public addresses",
    );
    expect(refusedAddressMessage("::", { address: "::", reason: "unspecified" })).toBe(
      ":: is an unspecified address; integrations may only reach public addresses",
    );
  });
});
