// Nobody deactivates or removes themselves (they would lock themselves out; "Leave workspace" is the
// way), while deactivating someone else works (real PostgreSQL).
import { afterAll, describe, expect, it } from "vitest";
import { createRoleWorkspace, requestAs } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";
import { deactivateMemberAction, reactivateMemberAction, removeMemberAction } from "./team-action-definitions";

const db = testPrisma();
afterAll(() => db.$disconnect());

const rowOf = (memberId: string) =>
  db.teamMember.findUniqueOrThrow({ where: { id: memberId }, select: { status: true, role: true, deletedAt: true } });
const auditCount = (workspaceId: string) => db.auditLog.count({ where: { workspaceId } });

describe.each(["owner", "admin"] as const)("as %s, on themselves", (role) => {
  it("deactivate → conflict, status unchanged, nothing audited", async () => {
    const ws = await createRoleWorkspace(db, `self-deact-${role}`);
    const self = ws.actors[role];
    const audits = await auditCount(ws.workspaceId);
    const result = await deactivateMemberAction.run(requestAs(self.token), {
      workspaceId: ws.workspaceId,
      memberId: self.memberId,
    });
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    if (result.ok) throw new Error("unreachable");
    expect(result.message).toMatch(/cannot deactivate yourself/i);
    expect(await rowOf(self.memberId)).toMatchObject({ status: "active", role, deletedAt: null });
    expect(await auditCount(ws.workspaceId)).toBe(audits);
  });

  it("remove → conflict, still a member, nothing audited", async () => {
    const ws = await createRoleWorkspace(db, `self-remove-${role}`);
    const self = ws.actors[role];
    const audits = await auditCount(ws.workspaceId);
    const result = await removeMemberAction.run(requestAs(self.token), {
      workspaceId: ws.workspaceId,
      memberId: self.memberId,
    });
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    if (result.ok) throw new Error("unreachable");
    expect(result.message).toMatch(/Leave workspace/);
    expect(await rowOf(self.memberId)).toMatchObject({ status: "active", role, deletedAt: null });
    expect(await auditCount(ws.workspaceId)).toBe(audits);
  });
});

describe("with another active owner present", () => {
  it("an owner still cannot deactivate or remove themselves", async () => {
    const ws = await createRoleWorkspace(db, "self-two-owners");
    // A second active owner: the "an active owner remains" guard alone would not stop this.
    await db.teamMember.update({ where: { id: ws.actors.member.memberId }, data: { role: "owner" } });
    const owner = ws.actors.owner;
    const deactivate = await deactivateMemberAction.run(requestAs(owner.token), {
      workspaceId: ws.workspaceId,
      memberId: owner.memberId,
    });
    expect(deactivate).toMatchObject({ ok: false, code: "conflict" });
    const remove = await removeMemberAction.run(requestAs(owner.token), {
      workspaceId: ws.workspaceId,
      memberId: owner.memberId,
    });
    expect(remove).toMatchObject({ ok: false, code: "conflict" });
    expect(await rowOf(owner.memberId)).toMatchObject({ status: "active", role: "owner", deletedAt: null });
  });
});

describe("on someone else", () => {
  it.each(["admin", "member", "viewer"] as const)(
    "an owner deactivates an active %s, and reactivates them",
    async (role) => {
      const ws = await createRoleWorkspace(db, `deact-${role}`);
      const target = ws.actors[role];
      const result = await deactivateMemberAction.run(requestAs(ws.actors.owner.token), {
        workspaceId: ws.workspaceId,
        memberId: target.memberId,
      });
      expect(result).toMatchObject({
        ok: true,
        data: { memberId: target.memberId, status: "inactive", removed: false },
      });
      expect(await rowOf(target.memberId)).toMatchObject({ status: "inactive", role, deletedAt: null });
      expect(
        await db.auditLog.count({
          where: { workspaceId: ws.workspaceId, action: "member.deactivated", targetId: target.memberId },
        }),
      ).toBe(1);

      // A deactivated member's session no longer reaches the workspace.
      const locked = await deactivateMemberAction.run(requestAs(target.token), {
        workspaceId: ws.workspaceId,
        memberId: ws.actors.viewer.memberId,
      });
      expect(locked).toMatchObject({ ok: false, code: "not_found" });

      const back = await reactivateMemberAction.run(requestAs(ws.actors.owner.token), {
        workspaceId: ws.workspaceId,
        memberId: target.memberId,
      });
      expect(back).toMatchObject({ ok: true, data: { status: "active" } });
    },
  );

  it("an admin deactivates another admin", async () => {
    const ws = await createRoleWorkspace(db, "deact-admin-admin");
    await db.teamMember.update({ where: { id: ws.actors.member.memberId }, data: { role: "admin" } });
    const result = await deactivateMemberAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      memberId: ws.actors.member.memberId,
    });
    expect(result).toMatchObject({ ok: true, data: { status: "inactive" } });
  });
});
