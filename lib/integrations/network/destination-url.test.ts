import { describe, expect, it } from "vitest";
import { checkDestinationUrl } from "./destination-url";
import type { Resolver } from "./resolver";

/** A fake DNS: never the real one, so the tests do not depend on the outside world. */
const dns =
  (answers: Record<string, string[]>): Resolver =>
  async (hostname) => {
    const found = answers[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return found;
  };

const resolve = dns({
  "hooks.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "loopback.example.com": ["127.0.0.1"],
  "mixed.example.com": ["93.184.216.34", "10.0.0.5"],
  "hooks.internal": ["10.0.0.5"],
  "v6.example.com": ["fd00::1"],
});

const strict = (url: string) => checkDestinationUrl(url, { allowPrivateNetworks: false, resolve });

describe("checkDestinationUrl", () => {
  it.each([
    ["http://127.0.0.1/hook", "127.0.0.1 is a loopback address; integrations may only reach public addresses"],
    ["http://[::1]/", "::1 is a loopback address; integrations may only reach public addresses"],
    ["https://10.1.2.3/", "10.1.2.3 is a private network (10.0.0.0/8) address"],
    ["https://172.16.0.1/", "172.16.0.1 is a private network (172.16.0.0/12) address"],
    ["https://172.31.255.255/", "172.31.255.255 is a private network (172.16.0.0/12) address"],
    ["https://192.168.1.1/", "192.168.1.1 is a private network (192.168.0.0/16) address"],
    ["https://100.64.0.1/", "100.64.0.1 is a carrier-grade NAT (100.64.0.0/10) address"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local / cloud metadata address"],
    ["https://[fd00::1]/", "fd00::1 is a unique local (fc00::/7) address"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address"],
    ["http://0.0.0.0:8080/", "0.0.0.0 is an unspecified address"],
    // WHATWG URL reads hex, decimal, octal and short forms as the IPv4 address they denote.
    ["http://0x7f000001/", "127.0.0.1 is a loopback address"],
    ["http://2130706433/", "127.0.0.1 is a loopback address"],
    ["http://017700000001/", "127.0.0.1 is a loopback address"],
    ["http://127.1/", "127.0.0.1 is a loopback address"],
    ["file:///etc/passwd", "Use an https:// or http:// URL"],
    ["gopher://x", "Use an https:// or http:// URL"],
    ["ftp://files.example.com/", "Use an https:// or http:// URL"],
    ["javascript:alert(1)", "Use an https:// or http:// URL"],
    ["https://user:pass@hooks.example.com/", "Remove the user name and password from the URL (the part before @)"],
    ["https://token@hooks.example.com/", "Remove the user name and password from the URL (the part before @)"],
    ["not a url", "Enter a full URL, such as https://hooks.example.com/events"],
    ["https://loopback.example.com/", "loopback.example.com resolves to 127.0.0.1, a loopback address"],
    ["https://mixed.example.com/", "mixed.example.com resolves to 10.0.0.5, a private network (10.0.0.0/8) address"],
    ["https://hooks.internal/x", "hooks.internal resolves to 10.0.0.5, a private network (10.0.0.0/8) address"],
    ["https://v6.example.com/", "v6.example.com resolves to fd00::1, a unique local (fc00::/7) address"],
    ["https://nowhere.example.com/", "Could not resolve host nowhere.example.com; check the host name"],
  ])("refuses %s", async (url, message) => {
    expect(await strict(url)).toContain(message);
  });

  it.each([
    "https://hooks.example.com/agent?token=abc",
    "http://hooks.example.com:8443/",
    "https://172.32.0.1/",
    "https://8.8.8.8/",
    "https://[2606:4700:4700::1111]/",
  ])("accepts %s", async (url) => {
    expect(await strict(url)).toBeNull();
  });

  it("never quotes the path or query (they may carry a token)", async () => {
    const message = await strict("https://loopback.example.com/services/T000/B000/secret-token?key=hush");
    expect(message).not.toMatch(/secret-token|hush|services/);
  });

  it("with allowPrivateNetworks, lifts the address rule only", async () => {
    const relaxed = (url: string) => checkDestinationUrl(url, { allowPrivateNetworks: true, resolve });
    expect(await relaxed("http://127.0.0.1:3000/hook")).toBeNull();
    expect(await relaxed("http://[::1]/")).toBeNull();
    expect(await relaxed("https://hooks.internal/")).toBeNull();
    expect(await relaxed("file:///etc/passwd")).toBe("Use an https:// or http:// URL");
    expect(await relaxed("https://u:p@hooks.internal/")).toMatch(/user name and password/);
    expect(await relaxed("https://nowhere.example.com/")).toMatch(/Could not resolve host/);
  });

  it("resolves through the system by default (localhost is loopback)", async () => {
    expect(await checkDestinationUrl("http://localhost:9/", { allowPrivateNetworks: false })).toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    );
  });
});
