// REST /api/workspaces/{id}/team through the same services and chokepoint.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRoleWorkspace, httpRequest, type RoleWorkspace } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";

const db = testPrisma();
afterAll(() => db.$disconnect());

const route = () => import(path.resolve(import.meta.dirname, "../../app/api/workspaces/[workspaceId]/team/route.ts"));

async function call(ws: RoleWorkspace, method: string, token: string, body?: unknown, query = "") {
  const handler = (await route())[method];
  const init: RequestInit = { method, headers: { "content-type": "application/json" } };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  return handler(httpRequest(`/api/workspaces/${ws.workspaceId}/team${query}`, token, init), {
    params: Promise.resolve({ workspaceId: ws.workspaceId }),
  }) as Promise<Response>;
}

describe("REST team", () => {
  it("GET searches and pages", async () => {
    const ws = await createRoleWorkspace(db, "rest-get");
    const response = await call(
      ws,
      "GET",
      ws.actors.viewer.token,
      undefined,
      `?q=${encodeURIComponent(ws.actors.admin.email.slice(0, 14))}`,
    );
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body.data.members.map((m: { email: string }) => m.email)).toEqual([ws.actors.admin.email]);
    expect((await call(ws, "GET", ws.actors.viewer.token, undefined, "?page=0")).status).toBe(400);
    expect((await call(ws, "GET", ws.actors.viewer.token, undefined, "?role=owner")).status).toBe(400);
  });

  it("POST invites without returning links; bad bodies are 400 and change nothing", async () => {
    const ws = await createRoleWorkspace(db, "rest-post");
    const ok = await call(ws, "POST", ws.actors.admin.token, {
      emails: [`rest-${Date.now()}@example.com`],
      role: "viewer",
    });
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.data.invited).toHaveLength(1);
    expect(JSON.stringify(body)).not.toMatch(/invitations\//);
    const before = await db.teamMember.count({ where: { workspaceId: ws.workspaceId } });
    for (const bad of [
      { emails: ["x@example.com"], role: "viewer", workspaceId: "other" },
      { emails: "x@example.com", role: "viewer" },
      "[]",
      "{",
      { emails: ["bad"], role: "viewer" },
    ]) {
      const response = await call(ws, "POST", ws.actors.admin.token, bad);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_input");
    }
    expect(await db.teamMember.count({ where: { workspaceId: ws.workspaceId } })).toBe(before);
  });

  it("answers 429 with Retry-After when the invite budget is spent", async () => {
    const ws = await createRoleWorkspace(db, "rest-429", { memberLimit: null });
    const batch = (tag: string) => Array.from({ length: 20 }, (_, i) => `${tag}${i}-${Date.now()}@example.com`);
    expect((await call(ws, "POST", ws.actors.owner.token, { emails: batch("a"), role: "viewer" })).status).toBe(200);
    const limited = await call(ws, "POST", ws.actors.owner.token, { emails: batch("b"), role: "viewer" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("PATCH changes roles by the same rules; DELETE removes and revokes", async () => {
    const ws = await createRoleWorkspace(db, "rest-patch");
    expect(
      (
        await call(ws, "PATCH", ws.actors.admin.token, {
          action: "change_role",
          memberId: ws.actors.owner.memberId,
          role: "viewer",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(ws, "PATCH", ws.actors.admin.token, {
          action: "change_role",
          memberId: ws.actors.viewer.memberId,
          role: "member",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(ws, "PATCH", ws.actors.admin.token, {
          action: "transfer_ownership",
          memberId: ws.actors.viewer.memberId,
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(ws, "PATCH", ws.actors.admin.token, { action: "explode", memberId: ws.actors.viewer.memberId }))
        .status,
    ).toBe(400);
    expect((await call(ws, "DELETE", ws.actors.admin.token, { memberId: ws.actors.viewer.memberId })).status).toBe(200);
    expect((await call(ws, "DELETE", ws.actors.admin.token, { memberId: "not-an-id" })).status).toBe(400);
    const other = await createRoleWorkspace(db, "rest-other");
    expect((await call(ws, "DELETE", ws.actors.owner.token, { memberId: other.actors.viewer.memberId })).status).toBe(
      404,
    );
  });
});
