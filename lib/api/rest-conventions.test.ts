// The REST conventions of the public API (docs/decisions/009-idempotency-etags-and-ingestion.md):
// Idempotency-Key on POST, ETag / If-Match on PATCH, cursor pagination, one error shape, 501 for later writes.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createTestApiKey } from "../testing/api-key-fixtures";
import { callApi } from "../testing/call-route";
import { createRoleWorkspace } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";

vi.mock("server-only", () => ({}));

const db = testPrisma();
afterAll(() => db.$disconnect());

const TEAM = "api/workspaces/[workspaceId]/team";
const KEYS = "api/workspaces/[workspaceId]/api-keys";

describe("Idempotency-Key on POST", () => {
  it("replays the first response of an invitation; the invitation is made once", async () => {
    const ws = await createRoleWorkspace(db, "idem-invite");
    const headers = { "Idempotency-Key": randomUUID() };
    const body = { emails: ["once@test.example"], role: "viewer" };
    const call = (b = body) =>
      callApi({
        method: "POST",
        route: TEAM,
        params: { workspaceId: ws.workspaceId },
        token: ws.actors.owner.token,
        body: b,
        headers,
      });
    const first = await call();
    expect(first.status).toBe(200);
    const replay = await call();
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    const other = await call({ emails: ["twice@test.example"], role: "viewer" });
    expect(other.status).toBe(409);
    expect(other.json.error.message).toMatch(/already used for a different request/);
    const invited = await db.teamMember.count({ where: { workspaceId: ws.workspaceId, status: "pending" } });
    expect(invited).toBe(1);
  });

  it("makes one invitation when the same request arrives five times at once", async () => {
    const ws = await createRoleWorkspace(db, "idem-race");
    const headers = { "Idempotency-Key": randomUUID() };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        callApi({
          method: "POST",
          route: TEAM,
          params: { workspaceId: ws.workspaceId },
          token: ws.actors.owner.token,
          body: { emails: ["race@test.example"], role: "viewer" },
          headers,
        }),
      ),
    );
    // One did the work; the others got its answer or were told to repeat in a moment — never a second invitation.
    expect(answers.filter((a) => a.status === 200 && !a.headers.get("Idempotent-Replayed"))).toHaveLength(1);
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    expect(await db.teamMember.count({ where: { workspaceId: ws.workspaceId, status: "pending" } })).toBe(1);
  });

  it("never stores an API key's secret: a replay answers the same key without it", async () => {
    const ws = await createRoleWorkspace(db, "idem-key");
    const headers = { "Idempotency-Key": randomUUID() };
    const call = () =>
      callApi({
        method: "POST",
        route: KEYS,
        params: { workspaceId: ws.workspaceId },
        token: ws.actors.owner.token,
        body: { name: "CI", scopes: ["read"] },
        headers,
      });
    const first = await call();
    const replay = await call();
    expect(first.json.data.secret).toMatch(/^obs_live_/);
    expect(replay.json.data).toEqual({ ...first.json.data, secret: null });
    expect(await db.apiKey.count({ where: { workspaceId: ws.workspaceId } })).toBe(1);
    const stored = await db.idempotencyKey.findMany({ where: { workspaceId: ws.workspaceId } });
    expect(JSON.stringify(stored)).not.toContain(first.json.data.secret);
  });

  it("works for creating a workspace (no workspace yet), and a malformed key is a 400", async () => {
    const ws = await createRoleWorkspace(db, "idem-create");
    const headers = { "Idempotency-Key": randomUUID() };
    const call = (h: Record<string, string>) =>
      callApi({
        method: "POST",
        route: "api/workspaces",
        params: {},
        token: ws.actors.member.token,
        body: { name: "Once" },
        headers: h,
      });
    const first = await call(headers);
    const replay = await call(headers);
    expect(first.status).toBe(200);
    expect(replay.json).toEqual(first.json);
    expect(await db.workspace.count({ where: { id: first.json.data.id } })).toBe(1);
    expect(await db.teamMember.count({ where: { userId: ws.actors.member.userId, role: "owner" } })).toBe(1);
    const malformed = await call({ "Idempotency-Key": "has spaces in it" });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.fieldErrors["Idempotency-Key"]).toBeDefined();
  });
});

describe("ETag and If-Match on PATCH", () => {
  it("applies a change only to the version the caller read: a stale ETag is a 412 and changes nothing", async () => {
    const ws = await createRoleWorkspace(db, "etag");
    const list = await callApi({
      method: "GET",
      route: TEAM,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.owner.token,
    });
    const viewer = list.json.data.members.find((m: { id: string }) => m.id === ws.actors.viewer.memberId);
    expect(viewer.etag).toMatch(/^"[0-9a-f]{20}"$/);
    const patch = (role: string, ifMatch: string) =>
      callApi({
        method: "PATCH",
        route: TEAM,
        params: { workspaceId: ws.workspaceId },
        token: ws.actors.owner.token,
        body: { action: "change_role", memberId: ws.actors.viewer.memberId, role },
        headers: { "If-Match": ifMatch },
      });
    const first = await patch("member", viewer.etag);
    expect(first.status).toBe(200);
    const newEtag = first.headers.get("ETag");
    expect(newEtag).toMatch(/^"[0-9a-f]{20}"$/);
    expect(newEtag).not.toBe(viewer.etag);
    // A second script that read before the first change:
    const stale = await patch("admin", viewer.etag);
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe("precondition_failed");
    expect((await db.teamMember.findUniqueOrThrow({ where: { id: ws.actors.viewer.memberId } })).role).toBe("member");
    expect((await patch("admin", `W/${newEtag}`)).status).toBe(200);
    expect((await patch("viewer", "*")).status).toBe(200);
  });
});

describe("cursor pagination", () => {
  it("walks the team with limit and next_cursor, each member exactly once", async () => {
    const ws = await createRoleWorkspace(db, "cursor-team");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await callApi({
        method: "GET",
        route: TEAM,
        params: { workspaceId: ws.workspaceId },
        token: ws.actors.viewer.token,
        query,
      });
      expect(page.status).toBe(200);
      seen.push(...page.json.data.members.map((m: { id: string }) => m.id));
      cursor = page.json.data.next_cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(
      Object.values(ws.actors)
        .map((a) => a.memberId)
        .sort(),
    );
    const both = await callApi({
      method: "GET",
      route: TEAM,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.viewer.token,
      query: "?page=2&cursor=abc",
    });
    expect(both.status).toBe(400);
    const garbage = await callApi({
      method: "GET",
      route: TEAM,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.viewer.token,
      query: "?cursor=bm9wZQ",
    });
    expect(garbage.status).toBe(400);
    expect(garbage.json.error.fieldErrors.cursor).toBeDefined();
  });

  it("walks the audit log newest first, each entry exactly once", async () => {
    const ws = await createRoleWorkspace(db, "cursor-audit");
    for (let i = 0; i < 5; i++)
      await db.auditLog.create({
        // A second apart: entries written within one millisecond would order by their random ids.
        data: {
          workspaceId: ws.workspaceId,
          action: "test.entry",
          targetType: "test",
          targetId: String(i),
          createdAt: new Date(Date.now() - (5 - i) * 1000),
        },
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await callApi({
        method: "GET",
        route: "api/workspaces/[workspaceId]/audit-log",
        params: { workspaceId: ws.workspaceId },
        token: ws.actors.admin.token,
        query,
      });
      expect(page.status).toBe(200);
      seen.push(...page.json.data.entries.map((e: { targetId: string }) => e.targetId));
      cursor = page.json.data.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["4", "3", "2", "1", "0"]);
  });

  it("walks API keys and integrations the same way", async () => {
    const ws = await createRoleWorkspace(db, "cursor-more");
    for (let i = 0; i < 3; i++) await createTestApiKey(db, ws.workspaceId, { scopes: ["read"] });
    for (const name of ["a", "b", "c"])
      await db.integrationConfig.create({ data: { workspaceId: ws.workspaceId, integrationType: "webhook", name } });
    for (const [route, field] of [
      [KEYS, "keys"],
      ["api/workspaces/[workspaceId]/integrations", "integrations"],
    ] as const) {
      const first = await callApi({
        method: "GET",
        route,
        params: { workspaceId: ws.workspaceId },
        token: ws.actors.owner.token,
        query: "?limit=2",
      });
      expect(first.json.data[field]).toHaveLength(2);
      const second = await callApi({
        method: "GET",
        route,
        params: { workspaceId: ws.workspaceId },
        token: ws.actors.owner.token,
        query: `?limit=2&cursor=${first.json.data.next_cursor}`,
      });
      expect(second.json.data[field]).toHaveLength(1);
      expect(second.json.data.next_cursor).toBeNull();
      const ids = [...first.json.data[field], ...second.json.data[field]].map((x: { id: string }) => x.id);
      expect(new Set(ids).size).toBe(3);
    }
  });
});

describe("errors and writes that land later", () => {
  it("every error carries a request id", async () => {
    const ws = await createRoleWorkspace(db, "errors");
    const answer = await callApi({
      method: "GET",
      route: TEAM,
      params: { workspaceId: randomUUID() },
      token: ws.actors.owner.token,
    });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({
      error: { code: "not_found", message: expect.any(String), requestId: expect.any(String) },
    });
  });

  it("PATCH billing says what it takes; only owners may change billing", async () => {
    const ws = await createRoleWorkspace(db, "later");
    const billing = await callApi({
      method: "PATCH",
      route: "api/workspaces/[workspaceId]/billing",
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.owner.token,
      body: {},
    });
    expect(billing.status).toBe(400);
    expect(billing.json.error.fieldErrors[""]).toEqual(["Send billingEmail, cancelAtPeriodEnd, or both."]);
    const byAdmin = await callApi({
      method: "PATCH",
      route: "api/workspaces/[workspaceId]/billing",
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.admin.token,
      body: {},
    });
    expect(byAdmin.status).toBe(403);
  });
});
