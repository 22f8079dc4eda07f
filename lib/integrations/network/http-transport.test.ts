import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import type { OutgoingRequest } from "../delivery/send-outcome";
import { checkDestinationUrl } from "./destination-url";
import { sendHttp, USER_AGENT, type HttpResult } from "./http-transport";
import type { Resolver } from "./resolver";

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(() => receiver.stop());
beforeEach(() => receiver.reset());

const post = (url: string, body: string | null = '{"a":1}', headers: Record<string, string> = {}): OutgoingRequest => ({
  url,
  method: "POST",
  headers: { "Content-Type": "application/json", ...headers },
  body,
});

const relaxed = { allowPrivateNetworks: true };
const strict = { allowPrivateNetworks: false };

function failure(result: HttpResult) {
  if (result.ok) throw new Error(`expected a failure, got HTTP ${result.status}`);
  return result;
}

describe("sendHttp", () => {
  it("sends the request as given, with User-Agent and Content-Length", async () => {
    receiver.respondWith({ status: 202, headers: { "x-request-id": "req-1" }, body: { ok: true } });
    const result = await sendHttp(post(receiver.url("/hook?x=1"), '{"text":"héllo"}', { "X-Extra": "yes" }), relaxed);
    expect(result).toMatchObject({ ok: true, status: 202, bodyExcerpt: '{"ok":true}' });
    expect(result.ok && result.headers["x-request-id"]).toBe("req-1");
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const [received] = receiver.requests;
    expect(received).toMatchObject({ method: "POST", path: "/hook", url: "/hook?x=1", body: '{"text":"héllo"}' });
    expect(received!.headers).toMatchObject({
      "user-agent": USER_AGENT,
      "content-length": String(Buffer.byteLength('{"text":"héllo"}')),
      "content-type": "application/json",
      "x-extra": "yes",
    });
  });

  it("sends a GET without a body", async () => {
    const result = await sendHttp({ url: receiver.url("/validate"), method: "GET", headers: {}, body: null }, relaxed);
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(receiver.requests[0]).toMatchObject({ method: "GET", body: "" });
    expect(receiver.requests[0]!.headers["content-length"]).toBeUndefined();
  });

  it("never follows a redirect: the 3xx is the answer", async () => {
    receiver.respondWith({ status: 302, headers: { location: receiver.url("/elsewhere") } }, { path: "/hook" });
    const result = await sendHttp(post(receiver.url("/hook")), relaxed);
    expect(result).toMatchObject({ ok: true, status: 302 });
    expect(result.ok && result.headers.location).toBe(receiver.url("/elsewhere"));
    expect(receiver.requests.map((r) => r.path)).toEqual(["/hook"]);
  });

  it("keeps at most 2 KB of the body, cut at a character boundary, and reads at most 64 KB", async () => {
    receiver.respondWith({ status: 500, body: "é".repeat(1500) }, { path: "/accents" });
    const accents = await sendHttp(post(receiver.url("/accents")), relaxed);
    expect(accents.ok && accents.bodyExcerpt).toBe("é".repeat(1024));

    // A receiver that streams without end: the transport stops reading at 64 KB and answers anyway.
    let written = 0;
    const endless = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      const chunk = "x".repeat(16 * 1024);
      const write = () => {
        if (response.destroyed || written > 64 * 1024 * 1024) return;
        written += chunk.length;
        response.write(chunk, () => setImmediate(write));
      };
      write();
    });
    await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = endless.address() as AddressInfo;
      const result = await sendHttp(post(`http://127.0.0.1:${port}/`), { ...relaxed, timeoutMs: 5000 });
      expect(result).toMatchObject({ ok: true, status: 200 });
      expect(result.ok && result.bodyExcerpt).toBe("x".repeat(2048));
      // What the receiver managed to write before the connection closed: socket buffers, not megabytes.
      expect(written).toBeLessThan(8 * 1024 * 1024);
    } finally {
      endless.closeAllConnections();
      await new Promise((resolve) => endless.close(resolve));
    }
  });

  it("times out on a receiver that accepts and never answers, the body read included", async () => {
    receiver.respondWith({ hang: true }, { path: "/hang" });
    const hung = failure(await sendHttp(post(receiver.url("/hang?token=secret")), { ...relaxed, timeoutMs: 300 }));
    expect(hung).toMatchObject({ reason: "timeout", message: `No answer from 127.0.0.1 within 0.3 s` });
    expect(hung.latencyMs).toBeGreaterThanOrEqual(290);
    expect(hung.latencyMs).toBeLessThan(3000);
    expect(receiver.requests).toHaveLength(1);

    receiver.respondWith({ delayMs: 1000 }, { path: "/slow" });
    expect(failure(await sendHttp(post(receiver.url("/slow")), { ...relaxed, timeoutMs: 300 })).reason).toBe("timeout");
  });

  it("reports a refused connection as a network failure naming the host only", async () => {
    const closed = await startHttpReceiver();
    const url = `${closed.url("/services/T0/B0/secret-token")}?key=hush`;
    await closed.stop();
    const result = failure(await sendHttp(post(url, "{}", { Authorization: "Bearer hush-hush" }), relaxed));
    expect(result).toMatchObject({ reason: "network", message: "127.0.0.1 refused the connection" });
  });

  it("refuses header values HTTP does not allow, without quoting them", async () => {
    const result = failure(await sendHttp(post(receiver.url("/h"), "{}", { "X-Key": "top\r\nsecret" }), relaxed));
    expect(result.reason).toBe("network");
    expect(result.message).not.toContain("secret");
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses other schemes", async () => {
    const result = failure(await sendHttp(post("file:///etc/passwd"), relaxed));
    expect(result.reason).toBe("refused-address");
  });

  describe("outgoing network rules", () => {
    const port = () => receiver.port;

    it.each([
      ["127.0.0.1", "127.0.0.1 is a loopback address"],
      ["[::1]", "::1 is a loopback address"],
      ["10.1.2.3", "10.1.2.3 is a private network (10.0.0.0/8) address"],
      ["172.16.0.1", "172.16.0.1 is a private network"],
      ["172.31.255.255", "172.31.255.255 is a private network"],
      ["192.168.1.1", "192.168.1.1 is a private network"],
      ["100.64.0.1", "100.64.0.1 is a carrier-grade NAT"],
      ["169.254.169.254", "169.254.169.254 is a link-local / cloud metadata address"],
      ["[fd00::1]", "fd00::1 is a unique local (fc00::/7) address"],
      ["0x7f000001", "127.0.0.1 is a loopback address"],
      ["2130706433", "127.0.0.1 is a loopback address"],
      ["017700000001", "127.0.0.1 is a loopback address"],
    ])("refuses %s before connecting", async (host, message) => {
      const result = failure(await sendHttp(post(`http://${host}:${port()}/hook?token=secret`), strict));
      expect(result.reason).toBe("refused-address");
      expect(result.message).toContain(message);
      expect(result.message).not.toMatch(/hook|token|secret/);
      expect(receiver.requests).toHaveLength(0);
    });

    it("refuses a name that resolves to a private address, or to a public and a private one", async () => {
      for (const addresses of [["127.0.0.1"], ["93.184.216.34", "127.0.0.1"]]) {
        const resolve: Resolver = async () => addresses;
        const result = failure(await sendHttp(post(`http://hooks.test:${port()}/x`), { ...strict, resolve }));
        expect(result).toMatchObject({
          reason: "refused-address",
          message: "hooks.test resolves to 127.0.0.1, a loopback address; integrations may only reach public addresses",
        });
      }
      expect(receiver.requests).toHaveLength(0);
    });

    it("checks again at connect time: a name that passed at save time and now resolves to loopback (DNS rebinding)", async () => {
      let answer = "93.184.216.34";
      const resolve: Resolver = async () => [answer];
      const url = `http://rebind.test:${port()}/hook`;
      expect(await checkDestinationUrl(url, { allowPrivateNetworks: false, resolve })).toBeNull();

      answer = "127.0.0.1";
      const result = failure(await sendHttp(post(url), { ...strict, resolve }));
      expect(result.reason).toBe("refused-address");
      expect(result.message).toContain("rebind.test resolves to 127.0.0.1, a loopback address");
      expect(receiver.requests).toHaveLength(0);
    });

    it("reaches loopback with allowPrivateNetworks, by address and by name", async () => {
      expect(await sendHttp(post(receiver.url("/a")), relaxed)).toMatchObject({ ok: true, status: 200 });
      const resolve: Resolver = async () => ["127.0.0.1"];
      const byName = await sendHttp(post(`http://hooks.test:${port()}/b`), { ...relaxed, resolve });
      expect(byName).toMatchObject({ ok: true, status: 200 });
      expect(receiver.requests.map((r) => [r.path, r.headers.host])).toEqual([
        ["/a", `127.0.0.1:${port()}`],
        ["/b", `hooks.test:${port()}`],
      ]);
    });

    it("reports a name that does not resolve as a network failure", async () => {
      const resolve: Resolver = async () => {
        throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
      };
      const result = failure(await sendHttp(post("http://nowhere.test/x?token=1"), { ...strict, resolve }));
      expect(result).toMatchObject({ reason: "network", message: "Could not resolve host nowhere.test" });
    });
  });
});
