// The development mailbox shows sign-in links: only with DEV_MAILBOX=1, no SMTP, not production, and
// only to a client on this machine as the connection itself says (not headers).
import { afterEach, describe, expect, it, vi } from "vitest";
import { normalizeAddress, peerAddressStore } from "../access/client-ip";
import { devMailboxVisible, isLoopback } from "./dev-mailbox-access";

describe("isLoopback", () => {
  const table: [address: string | null, expected: boolean][] = [
    ["127.0.0.1", true],
    ["127.5.6.7", true],
    ["127.255.255.255", true],
    ["::1", true],
    ["10.0.0.1", false],
    ["192.168.1.1", false],
    ["0.0.0.0", false],
    ["128.0.0.1", false],
    ["1.127.0.0", false],
    ["127.0.0.1.evil.example", false],
    ["127.0.0", false],
    ["::2", false],
    ["0:0:0:0:0:0:0:2", false],
    // isLoopback is given normalized addresses; unnormalized, the mapped form is not loopback…
    ["::ffff:127.0.0.1", false],
    ["", false],
    [null, false],
  ];

  it.each(table)("%j → %s", (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });

  it("…but normalized, as the peer store hands it over, the IPv4-mapped loopback is loopback", () => {
    expect(isLoopback(normalizeAddress("::ffff:127.0.0.1"))).toBe(true);
    expect(isLoopback(normalizeAddress("::ffff:10.0.0.1"))).toBe(false);
  });
});

describe("devMailboxVisible", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  /** A fresh copy of the module with these settings (env is read at import). */
  async function withSettings(settings: Record<string, string>) {
    for (const [name, value] of Object.entries(settings)) vi.stubEnv(name, value);
    vi.resetModules();
    return (await import("./dev-mailbox-access")).devMailboxVisible;
  }

  const asPeer = <T>(peerAddress: string | undefined, work: () => T): T =>
    peerAddressStore().run({ peerAddress }, work);

  it("DEV_MAILBOX=1 (the tests' setting), no EMAIL_SERVER: visible to a loopback peer only", () => {
    expect(devMailboxVisible()).toBe(false); // not served by our server: no peer
    expect(asPeer("127.0.0.1", devMailboxVisible)).toBe(true);
    expect(asPeer("::1", devMailboxVisible)).toBe(true);
    expect(asPeer("::ffff:127.0.0.1", devMailboxVisible)).toBe(true);
    expect(asPeer("10.0.0.1", devMailboxVisible)).toBe(false);
    expect(asPeer("203.0.113.66", devMailboxVisible)).toBe(false);
    expect(asPeer(undefined, devMailboxVisible)).toBe(false);
  });

  it("with fresh module copies: the same answers (the settings are what they say)", async () => {
    const visible = await withSettings({ DEV_MAILBOX: "1", EMAIL_SERVER: "", NODE_ENV: "development" });
    expect(visible()).toBe(false);
    expect(asPeer("127.0.0.1", visible)).toBe(true);
    expect(asPeer("10.0.0.1", visible)).toBe(false);
  });

  it("DEV_MAILBOX=0: never, not even on loopback", async () => {
    const visible = await withSettings({ DEV_MAILBOX: "0", EMAIL_SERVER: "", NODE_ENV: "development" });
    expect(asPeer("127.0.0.1", visible)).toBe(false);
  });

  it("EMAIL_SERVER set (real SMTP in use): never", async () => {
    const visible = await withSettings({ DEV_MAILBOX: "1", EMAIL_SERVER: "smtp://127.0.0.1:2525" });
    expect(asPeer("127.0.0.1", visible)).toBe(false);
  });

  it("production: never", async () => {
    const visible = await withSettings({ DEV_MAILBOX: "1", EMAIL_SERVER: "", NODE_ENV: "production" });
    expect(asPeer("127.0.0.1", visible)).toBe(false);
  });
});
