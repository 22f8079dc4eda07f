// REST /api/workspaces/{id}/team through the same services and chokepoint.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appSmtpSink, type AppSmtpSink } from "../testing/app-smtp";
import { createRoleWorkspace, createSession, httpRequest, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { findLink, type ReceivedEmail } from "../testing/smtp-sink";
import { testPrisma } from "../testing/test-db";
import { readInvitation } from "./accept-invitation";
import { acceptInvitationAction } from "./team-action-definitions";

const db = testPrisma();
afterAll(() => db.$disconnect());

type RouteModule = Record<string, (request: Request, context: unknown) => Promise<Response>>;
const route = (): Promise<RouteModule> =>
  import(path.resolve(import.meta.dirname, "../../app/api/workspaces/[workspaceId]/team/route.ts"));

async function call(
  ws: RoleWorkspace,
  method: string,
  token: string,
  body?: unknown,
  query = "",
  routeModule?: RouteModule,
) {
  const handler = (routeModule ?? (await route()))[method]!;
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

// The invitation goes out by email, through the same action definitions as the server actions
// (docs/decisions/004-team-invitations-and-member-rules.md: "the REST API returns no invitation links (they go by
// email)"), so the email is the only way the invitee gets in: it must arrive, with a link that works.
// KNOWN FAILING until REST runs the action definitions (issue #9): today POST and PATCH resend discard
// the token and send nothing, so no email reaches the sink.
describe("REST invitations arrive by email with a working link", () => {
  const APP_URL = "http://settings.test";
  let sink: AppSmtpSink;
  let emailRoute: RouteModule;
  beforeAll(async () => {
    sink = await appSmtpSink({ APP_URL });
    emailRoute = await route(); // loaded after the stub: its lib/env.ts sees EMAIL_SERVER and APP_URL
  });
  afterAll(() => sink.restore());

  const mailTo = (address: string, count = 1) =>
    vi.waitFor(
      () => {
        const received = sink.messages.filter((m) => m.to.includes(address));
        expect(received.length, `emails to ${address}`).toBeGreaterThanOrEqual(count);
        return received;
      },
      { timeout: 3000, interval: 50 },
    );
  const tokenIn = (email: ReceivedEmail) => {
    const link = findLink(email, "/invitations/");
    expect(link, email.body).toMatch(new RegExp(`^${APP_URL}/invitations/[A-Za-z0-9_-]{43}$`));
    return link!.split("/invitations/")[1]!;
  };

  it("POST: the invitee gets the email, and its link joins them to the workspace", async () => {
    const ws = await createRoleWorkspace(db, "rest-email");
    const address = `rest-mail-${Date.now()}@example.com`;
    const response = await call(
      ws,
      "POST",
      ws.actors.admin.token,
      { emails: [address], role: "member" },
      "",
      emailRoute,
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(JSON.stringify(body)).not.toMatch(/invitations\//);

    const [email] = await mailTo(address);
    expect(email!.subject).toContain("invited you to Test rest-email");
    const token = tokenIn(email!);
    expect(await readInvitation(db, token)).toMatchObject({
      state: "pending",
      workspaceId: ws.workspaceId,
      memberId: body.data.invited[0].memberId,
      role: "member",
    });
    const invitee = await db.user.findUniqueOrThrow({ where: { email: address } });
    const joined = await acceptInvitationAction.run(requestAs(await createSession(db, invitee.id)), { token });
    expect(joined).toMatchObject({ ok: true, data: { workspaceId: ws.workspaceId, role: "member" } });
  });

  it("PATCH resend: a new email with a new link that works; the old link stops working", async () => {
    const ws = await createRoleWorkspace(db, "rest-resend");
    const address = `rest-resend-${Date.now()}@example.com`;
    const invited = await call(
      ws,
      "POST",
      ws.actors.owner.token,
      { emails: [address], role: "viewer" },
      "",
      emailRoute,
    );
    expect(invited.status).toBe(200);
    const memberId = (await invited.json()).data.invited[0].memberId as string;
    const [first] = await mailTo(address);
    const oldToken = tokenIn(first!);

    const resent = await call(ws, "PATCH", ws.actors.admin.token, { action: "resend", memberId }, "", emailRoute);
    expect(resent.status).toBe(200);
    expect(JSON.stringify(await resent.json())).not.toMatch(/invitations\//);
    const second = (await mailTo(address, 2))[1]!;
    const newToken = tokenIn(second);
    expect(newToken).not.toBe(oldToken);
    expect(await readInvitation(db, oldToken)).toEqual({ state: "unknown" });
    expect(await readInvitation(db, newToken)).toMatchObject({ state: "pending", memberId, role: "viewer" });
  });
});
