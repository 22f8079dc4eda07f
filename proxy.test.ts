// proxy.ts on every request: a request id and a nonce CSP on the response, the nonce forwarded to
// Next.js, and server-action bodies Next.js would answer 500 to refused first.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "./proxy";

function serverAction(body: string, headers: Record<string, string> = {}) {
  return new NextRequest("http://localhost:3000/w/abc/settings/team", {
    method: "POST",
    body,
    headers: { "next-action": "abc123", "content-type": "text/plain;charset=UTF-8", ...headers },
  });
}

describe("every response", () => {
  it("carries the security headers, a request id, and a CSP whose nonce is forwarded to Next.js", async () => {
    const response = await proxy(new NextRequest("http://localhost:3000/w/abc/settings/team"));
    const csp = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    // Forwarded request headers (NextResponse.next({ request: { headers } })).
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(response.headers.get("x-middleware-request-x-request-id")).toBe(requestId);
  });

  it("a well-formed x-request-id from the caller is kept (one id through the load balancer and our logs); a malformed one is replaced", async () => {
    const chosen = await proxy(
      new NextRequest("http://localhost:3000/", { headers: { "x-request-id": "lb-7f3a9c21" } }),
    );
    expect(chosen.headers.get("x-request-id")).toBe("lb-7f3a9c21");
    expect(chosen.headers.get("x-middleware-request-x-request-id")).toBe("lb-7f3a9c21");
    for (const malformed of [
      "short",
      "has spaces in it",
      "x".repeat(65),
      "semi;colon-12345",
      "<script>alert(1)</script>",
    ]) {
      const response = await proxy(
        new NextRequest("http://localhost:3000/", { headers: { "x-request-id": malformed } }),
      );
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get("x-middleware-request-x-request-id")).toBe(response.headers.get("x-request-id"));
    }
  });

  it("each request gets a new nonce and, without an id of its own, a new id", async () => {
    const first = await proxy(new NextRequest("http://localhost:3000/"));
    const second = await proxy(new NextRequest("http://localhost:3000/"));
    expect(first.headers.get("x-request-id")).not.toBe(second.headers.get("x-request-id"));
    expect(first.headers.get("x-middleware-request-x-nonce")).not.toBe(
      second.headers.get("x-middleware-request-x-nonce"),
    );
  });
});

describe("server actions", () => {
  it("without Content-Length → 411", async () => {
    const response = await proxy(serverAction("[]"));
    expect(response.status).toBe(411);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("over 128 KiB declared → 413 payload_too_large", async () => {
    const response = await proxy(serverAction("[]", { "content-length": String(128 * 1024 + 1) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("nested 33 deep → 400 invalid_input; 32 deep passes to Next.js", async () => {
    const nested = (n: number) => "[".repeat(n) + "]".repeat(n);
    const deep = await proxy(serverAction(nested(33), { "content-length": String(66) }));
    expect(deep.status).toBe(400);
    const body = (await deep.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.requestId).toBe(deep.headers.get("x-request-id"));
    const fine = await proxy(serverAction(nested(32), { "content-length": String(64) }));
    expect(fine.status).toBe(200);
    expect(fine.headers.get("x-middleware-next")).toBe("1");
  });

  it("GET with a next-action header and POST without one are not checked", async () => {
    const get = await proxy(new NextRequest("http://localhost:3000/", { headers: { "next-action": "x" } }));
    expect(get.status).toBe(200);
    const post = await proxy(
      new NextRequest("http://localhost:3000/api/workspaces", { method: "POST", body: "[[[[]]]]" }),
    );
    expect(post.status).toBe(200);
  });
});
