import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoleWorkspace, createSession, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { createTestUser, testPrisma } from "../testing/test-db";
import { sessionFromUser } from "../auth/session-shape";
import { ACTIVITY_WRITE_INTERVAL_MS, withWorkspace } from "./with-workspace";

const db = testPrisma();
let ws: RoleWorkspace;

beforeAll(async () => {
  ws = await createRoleWorkspace(db, "chokepoint");
});
afterAll(() => db.$disconnect());

const read = (token: string | null, workspaceId = ws.workspaceId) =>
  withWorkspace(requestAs(token), workspaceId, "workspace:read", async (ctx) => ctx.actor.role, db);

describe("withWorkspace", () => {
  it("gives the member's role from the database", async () => {
    await expect(read(ws.actors.admin.token)).resolves.toBe("admin");
  });

  it("a deactivated member loses access on the next request", async () => {
    const local = await createRoleWorkspace(db, "deactivate");
    await expect(read(local.actors.member.token, local.workspaceId)).resolves.toBe("member");
    await db.teamMember.update({ where: { id: local.actors.member.memberId }, data: { status: "inactive" } });
    await expect(read(local.actors.member.token, local.workspaceId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a removed member loses access on the next request", async () => {
    const local = await createRoleWorkspace(db, "remove");
    await expect(read(local.actors.viewer.token, local.workspaceId)).resolves.toBe("viewer");
    await db.teamMember.update({ where: { id: local.actors.viewer.memberId }, data: { deletedAt: new Date() } });
    await expect(read(local.actors.viewer.token, local.workspaceId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a demotion applies on the next request, not when the session expires", async () => {
    const local = await createRoleWorkspace(db, "demote");
    const manage = () =>
      withWorkspace(requestAs(local.actors.admin.token), local.workspaceId, "team:manage", async () => "ok", db);
    await expect(manage()).resolves.toBe("ok");
    await db.teamMember.update({ where: { id: local.actors.admin.memberId }, data: { role: "viewer" } });
    await expect(manage()).rejects.toMatchObject({ code: "forbidden" });
  });

  it("an expired, deleted or made-up session is 401", async () => {
    const user = await createTestUser(db, "expired");
    const expired = await createSession(db, user.id, -1000);
    await expect(read(expired)).rejects.toMatchObject({ code: "unauthorized" });
    const signedOut = await createSession(db, ws.actors.owner.userId);
    await db.session.delete({ where: { sessionToken: signedOut } });
    await expect(read(signedOut)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(read("made-up")).rejects.toMatchObject({ code: "unauthorized" });
    await expect(read(null)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("rolls back everything when the work fails", async () => {
    await expect(
      withWorkspace(
        requestAs(ws.actors.owner.token),
        ws.workspaceId,
        "workspace:read",
        async (ctx) => {
          await ctx.tx.integrationConfig.create({
            data: { workspaceId: ws.workspaceId, integrationType: "custom", name: "rolled-back" },
          });
          throw new Error("boom");
        },
        db,
      ),
    ).rejects.toThrow("boom");
    expect(await db.integrationConfig.count({ where: { workspaceId: ws.workspaceId, name: "rolled-back" } })).toBe(0);
  });
});

describe("last_active_at", () => {
  it("is written on the first request, not again within the interval, and again after it", async () => {
    const local = await createRoleWorkspace(db, "activity");
    const member = () => db.teamMember.findUniqueOrThrow({ where: { id: local.actors.member.memberId } });
    expect((await member()).lastActiveAt).toBeNull();

    await read(local.actors.member.token, local.workspaceId);
    const first = (await member()).lastActiveAt!;
    expect(first).toBeInstanceOf(Date);

    await read(local.actors.member.token, local.workspaceId);
    expect((await member()).lastActiveAt).toEqual(first);

    const stale = new Date(Date.now() - ACTIVITY_WRITE_INTERVAL_MS - 1000);
    await db.teamMember.update({ where: { id: local.actors.member.memberId }, data: { lastActiveAt: stale } });
    await read(local.actors.member.token, local.workspaceId);
    expect((await member()).lastActiveAt!.getTime()).toBeGreaterThan(stale.getTime());
  });
});

describe("the session Auth.js exposes", () => {
  it("takes identity from the user row only; a client update cannot change identity, role or workspace", () => {
    const tampered = {
      expires: "2030-01-01T00:00:00.000Z",
      user: { id: "someone-else", email: "boss@evil.example", role: "owner", workspaceId: "other" },
      role: "owner",
      workspaceId: "other",
    };
    const session = sessionFromUser(tampered, { id: "u1", email: "me@example.com", name: "Me" });
    expect(session).toEqual({
      expires: tampered.expires,
      user: { id: "u1", email: "me@example.com", name: "Me", image: null },
    });
  });
});

describe("workspace ids", () => {
  it("accepts the seed's non-RFC id 00000000-0000-0000-0000-000000000001 as a well-formed id", async () => {
    const { workspaceIdSchema } = await import("./with-workspace");
    expect(workspaceIdSchema.safeParse("00000000-0000-0000-0000-000000000001").success).toBe(true);
    expect(workspaceIdSchema.safeParse("00000000-0000-0000-0000-00000000001").success).toBe(false);
    expect(workspaceIdSchema.safeParse("'; DROP TABLE users;--").success).toBe(false);
  });
});
