import { afterEach, describe, expect, it } from "vitest";
import { startHttpReceiver, type HttpReceiver } from "./http-receiver";

let receiver: HttpReceiver;
afterEach(() => receiver.stop());

const post = (path: string, body = "{}") =>
  fetch(receiver.url(path), { method: "POST", body, headers: { "content-type": "application/json" } });

describe("startHttpReceiver", () => {
  it("records requests and answers 200 by default", async () => {
    receiver = await startHttpReceiver();
    const response = await post("/a?b=1", '{"x":1}');
    expect(response.status).toBe(200);
    expect(receiver.requests).toEqual([
      expect.objectContaining({
        method: "POST",
        path: "/a",
        url: "/a?b=1",
        body: '{"x":1}',
        receivedAt: expect.any(Date),
      }),
    ]);
    expect(receiver.requests[0]!.headers["content-type"]).toBe("application/json");
    expect(receiver.requests[0]!.rawBody.equals(Buffer.from('{"x":1}'))).toBe(true);
  });

  it("answers per path, limited scripts first, then the global script", async () => {
    receiver = await startHttpReceiver();
    receiver.respondWith({ status: 503, headers: { "retry-after": "7" } });
    receiver.respondWith({ status: 201, body: { ok: true } }, { path: "/ok" });
    receiver.respondWith({ status: 429 }, { path: "/ok", times: 1 });
    receiver.respondWith((request) => ({ status: 200, body: `echo ${request.body}` }), { path: "/echo" });

    expect((await post("/ok")).status).toBe(429);
    const ok = await post("/ok");
    expect([ok.status, ok.headers.get("content-type"), await ok.text()]).toEqual([
      201,
      "application/json",
      '{"ok":true}',
    ]);
    expect(await (await post("/echo", "hi")).text()).toBe("echo hi");
    const other = await post("/other");
    expect([other.status, other.headers.get("retry-after")]).toEqual([503, "7"]);
  });

  it("waits for a request, delays, and hangs until stopped", async () => {
    receiver = await startHttpReceiver();
    receiver.respondWith({ delayMs: 150 }, { path: "/slow" });
    receiver.respondWith({ hang: true }, { path: "/hang" });
    const waited = receiver.waitFor((r) => r.path === "/slow");
    const started = Date.now();
    await post("/slow");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await waited).path).toBe("/slow");

    const hanging = post("/hang").then(
      () => "answered",
      () => "closed",
    );
    await receiver.waitFor((r) => r.path === "/hang");
    await receiver.stop();
    expect(await hanging).toBe("closed");
    await expect(receiver.waitFor((r) => r.path === "/never", 50)).rejects.toThrow(/No matching request within 50 ms/);
  });
});
