// The request context every route and action starts from: the client's address (peer, or the trusted
// proxy hop), the request id (kept when well-formed) and the session cookie (never an error).
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { changeRoleAction } from "../team/team-action-definitions";
import { createRoleWorkspace } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";
import { peerAddressStore } from "./client-ip";
import { contextFromHeaders, contextFromRequest } from "./request-context";

const XFF = "203.0.113.66, 10.9.8.7";

function request(headers: Record<string, string> = {}) {
  return new Request("http://localhost/api/workspaces", { headers });
}

const asPeer = <T>(peerAddress: string | undefined, work: () => T): T => peerAddressStore().run({ peerAddress }, work);

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("ip", () => {
  it("TRUSTED_PROXY_HOPS unset (0): the peer, whatever X-Forwarded-For says", () => {
    const context = asPeer("127.0.0.1", () => contextFromRequest(request({ "x-forwarded-for": XFF })));
    expect(context.ip).toBe("127.0.0.1");
  });

  it("TRUSTED_PROXY_HOPS=1: the address our one proxy saw", async () => {
    vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
    vi.resetModules();
    const fresh = await import("./request-context");
    const store = (await import("./client-ip")).peerAddressStore();
    expect(store).toBe(peerAddressStore()); // the same per-process store
    const context = store.run({ peerAddress: "127.0.0.1" }, () =>
      fresh.contextFromRequest(request({ "x-forwarded-for": XFF })),
    );
    expect(context.ip).toBe("10.9.8.7");
  });

  it("TRUSTED_PROXY_HOPS=2: one further left", async () => {
    vi.stubEnv("TRUSTED_PROXY_HOPS", "2");
    vi.resetModules();
    const fresh = await import("./request-context");
    const context = asPeer("127.0.0.1", () => fresh.contextFromRequest(request({ "x-forwarded-for": XFF })));
    expect(context.ip).toBe("203.0.113.66");
  });

  it("outside the peer store (not served by our server): null, even with X-Forwarded-For", () => {
    expect(contextFromRequest(request({ "x-forwarded-for": XFF })).ip).toBeNull();
    expect(asPeer(undefined, () => contextFromRequest(request({ "x-forwarded-for": XFF }))).ip).toBeNull();
  });
});

describe("requestId", () => {
  it.each(["req-abc12345", "0b6c4f3e-7b1a-4c55-9d8e-2f1a3b4c5d6e", "A".repeat(64)])("%s is kept", (id) => {
    expect(contextFromRequest(request({ "x-request-id": id })).requestId).toBe(id);
  });

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it.each([
    ["too short", "abc"],
    ["200 characters", "a".repeat(200)],
    ["65 characters", "a".repeat(65)],
    ["spaces", "req abc 12345"],
    ["HTML", "<script>alert(1)</script>"],
    ["newline-looking text", "req-abc%0d%0aX-Injected:1"],
  ])("%s → replaced by a fresh UUID", (_label, id) => {
    const requestId = contextFromRequest(request({ "x-request-id": id })).requestId;
    expect(requestId).not.toBe(id);
    expect(requestId).toMatch(UUID);
  });

  it("CR/LF in the id (headers cannot carry them, header getters can) → replaced", async () => {
    const { contextFromHeaders } = await import("./request-context");
    const headers: Record<string, string> = { "x-request-id": "req-abc12345\r\nX-Injected: 1" };
    const context = contextFromHeaders(
      (name) => headers[name] ?? null,
      () => undefined,
    );
    expect(context.requestId).toMatch(UUID);
  });

  it("missing → a fresh UUID per request", () => {
    const a = contextFromRequest(request()).requestId;
    const b = contextFromRequest(request()).requestId;
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });
});

describe("session cookie and user agent", () => {
  it("a malformed cookie encoding does not throw; the raw value is just an unknown token", () => {
    const context = contextFromRequest(request({ cookie: "authjs.session-token=%E0%A4%A" }));
    expect(context.sessionToken).toBe("%E0%A4%A");
  });

  it("reads the secure cookie first, then the plain one, and decodes it", () => {
    expect(
      contextFromRequest(
        request({ cookie: "a=1; __Secure-authjs.session-token=secure%20one; authjs.session-token=plain" }),
      ).sessionToken,
    ).toBe("secure one");
    expect(contextFromRequest(request({ cookie: "other=1;authjs.session-token=plain" })).sessionToken).toBe("plain");
    expect(contextFromRequest(request({ cookie: "other=1" })).sessionToken).toBeNull();
    expect(contextFromRequest(request()).sessionToken).toBeNull();
  });

  it("the user agent is cut to 512 characters", () => {
    expect(contextFromRequest(request({ "user-agent": "x".repeat(2000) })).userAgent).toHaveLength(512);
    expect(contextFromRequest(request()).userAgent).toBeNull();
  });
});

describe("the audit log records the request (real PostgreSQL)", () => {
  const db = testPrisma();
  afterAll(() => db.$disconnect());

  it("a workspace action run with requestId req-abc12345 writes it and the ip into audit_log", async () => {
    const ws = await createRoleWorkspace(db, "reqctx");
    const requestId = `req-abc12345`;
    const result = await changeRoleAction.run(
      { sessionToken: ws.actors.owner.token, ip: "198.51.100.23", userAgent: "vitest-reqctx", requestId },
      { workspaceId: ws.workspaceId, memberId: ws.actors.member.memberId, role: "viewer" },
    );
    expect(result).toMatchObject({ ok: true });
    const rows = await db.auditLog.findMany({
      where: { workspaceId: ws.workspaceId, action: "member.role_changed", targetId: ws.actors.member.memberId },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      requestId,
      ipAddress: "198.51.100.23",
      userAgent: "vitest-reqctx",
      actorUserId: ws.actors.owner.userId,
    });
  });

  it("end to end from a Request: the header's request id and the peer's address reach the audit log", async () => {
    const ws = await createRoleWorkspace(db, "reqctx-http");
    const requestId = `req-${randomUUID().slice(0, 8)}`;
    const context = asPeer("::ffff:127.0.0.1", () =>
      contextFromRequest(
        request({
          cookie: `authjs.session-token=${ws.actors.owner.token}`,
          "x-request-id": requestId,
          "x-forwarded-for": "6.6.6.6",
        }),
      ),
    );
    const result = await changeRoleAction.run(context, {
      workspaceId: ws.workspaceId,
      memberId: ws.actors.viewer.memberId,
      role: "member",
    });
    expect(result).toMatchObject({ ok: true });
    const row = await db.auditLog.findFirstOrThrow({
      where: { workspaceId: ws.workspaceId, action: "member.role_changed" },
    });
    expect(row).toMatchObject({ requestId, ipAddress: "127.0.0.1" });
  });
});

describe("API keys: REST only, one principal per request", () => {
  it("a route handler reads Authorization: Bearer and then ignores the session cookie", () => {
    const context = contextFromRequest(
      request({ authorization: "Bearer obs_live_abc", cookie: "authjs.session-token=session-of-someone" }),
    );
    expect(context.bearer).toBe("obs_live_abc");
    expect(context.sessionToken).toBeNull();
  });

  it("an Authorization header that is not Bearer is an empty (refused) credential, never the cookie", () => {
    const context = contextFromRequest(
      request({ authorization: "Basic dXNlcjpwYXNz", cookie: "authjs.session-token=session-of-someone" }),
    );
    expect(context.bearer).toBe("");
    expect(context.sessionToken).toBeNull();
  });

  it("server actions never take a key: their context is built from cookies alone", () => {
    const context = contextFromHeaders(
      (name) => (name === "authorization" ? "Bearer obs_live_abc" : null),
      () => undefined,
    );
    expect(context.bearer).toBeUndefined();
    expect(context.sessionToken).toBeNull();
  });
});
