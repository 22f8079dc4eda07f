// Team services on real PostgreSQL, through the same definitions the server actions use.
import { afterAll, describe, expect, it } from "vitest";
import { readDevMailbox } from "../email/dev-mailbox";
import { createRoleWorkspace, createSession, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { createTestUser, scratchPrisma, testPrisma } from "../testing/test-db";
import { expireStaleInvitations } from "./expire-invitations";
import { readInvitation } from "./accept-invitation";
import { hashInvitationToken } from "./invitation-token";
import { countSeats } from "./seat-limit";
import {
  acceptInvitationAction,
  changeRoleAction,
  copyInvitationLinkAction,
  deactivateMemberAction,
  inviteMembersAction,
  leaveWorkspaceAction,
  reactivateMemberAction,
  removeMemberAction,
  resendInvitationAction,
  restoreMemberAction,
  revokeInvitationAction,
  transferOwnershipAction,
} from "./team-action-definitions";

const db = testPrisma();
afterAll(() => db.$disconnect());

const tokenOf = (link: string) => link.split("/invitations/")[1]!;
const snapshot = (workspaceId: string) =>
  Promise.all([
    db.teamMember.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.auditLog.count({ where: { workspaceId } }),
    db.eventOutbox.count({ where: { workspaceId } }),
  ]);

async function invite(
  ws: RoleWorkspace,
  emails: string[],
  role = "member",
  as: keyof RoleWorkspace["actors"] = "owner",
) {
  const result = await inviteMembersAction.run(requestAs(ws.actors[as].token), {
    workspaceId: ws.workspaceId,
    emails,
    role,
  });
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.data;
}

async function signedInAs(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return { user, token: await createSession(db, user.id) };
}

describe("inviting", () => {
  it("invites several addresses: pending rows, users created, only hashes stored, 7-day expiry, audit and outbox", async () => {
    const ws = await createRoleWorkspace(db, "invite");
    const emails = [`Ana-${Date.now()}@Example.com`, `ben-${Date.now()}@example.com`];
    const result = await invite(ws, [...emails, emails[1]!]);
    expect(result.invited.map((i) => i.email)).toEqual(emails.map((e) => e.toLowerCase()));
    expect(result.invited.every((i) => i.emailSent)).toBe(true);

    for (const invited of result.invited) {
      const token = tokenOf(invited.link);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const row = await db.teamMember.findUniqueOrThrow({ where: { id: invited.memberId } });
      expect(row).toMatchObject({
        status: "pending",
        role: "member",
        invitedBy: ws.actors.owner.userId,
        invitationTokenHash: hashInvitationToken(token),
      });
      expect(JSON.stringify(row)).not.toContain(token);
      const days = (row.invitationExpiresAt!.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.99);
      expect(days).toBeLessThanOrEqual(7);
      const audit = await db.auditLog.findFirstOrThrow({
        where: { workspaceId: ws.workspaceId, action: "invitation.sent", targetId: invited.memberId },
      });
      expect(JSON.stringify(audit)).not.toContain(token);
    }
    expect(await db.eventOutbox.count({ where: { workspaceId: ws.workspaceId, eventType: "member.invited" } })).toBe(2);
    const mail = readDevMailbox().find((m) => m.to === emails[0]!.toLowerCase());
    expect(mail?.text).toContain(result.invited[0]!.link);
  });

  it("skips members and pending invitations with a reason", async () => {
    const ws = await createRoleWorkspace(db, "invite-skip");
    const first = await invite(ws, [`skip-${Date.now()}@example.com`]);
    const again = await invite(ws, [first.invited[0]!.email, ws.actors.viewer.email]);
    expect(again.invited).toEqual([]);
    expect(again.skipped.map((s) => s.reason)).toEqual(["already invited (use Resend)", "already a member"]);
  });

  it("refuses bad input with field errors and changes nothing", async () => {
    const ws = await createRoleWorkspace(db, "invite-bad");
    const before = await snapshot(ws.workspaceId);
    const owner = requestAs(ws.actors.owner.token);
    const cases = [
      { workspaceId: ws.workspaceId, emails: ["not-an-email"], role: "member" },
      { workspaceId: ws.workspaceId, emails: [], role: "member" },
      { workspaceId: ws.workspaceId, emails: ["a@example.com"], role: "superuser" },
      { workspaceId: ws.workspaceId, emails: ["a@example.com"], role: "member", isAdmin: true },
      {
        workspaceId: ws.workspaceId,
        emails: Array.from({ length: 10_000 }, (_, i) => `u${i}@example.com`),
        role: "member",
      },
      { workspaceId: ws.workspaceId, emails: [`${"x".repeat(400)}@example.com`], role: "member" },
    ];
    for (const input of cases) {
      const result = await inviteMembersAction.run(owner, input);
      expect(result, JSON.stringify(input).slice(0, 80)).toMatchObject({ ok: false, code: "invalid_input" });
    }
    expect(await snapshot(ws.workspaceId)).toEqual(before);
  });

  it("an admin cannot invite an owner; a member cannot invite at all", async () => {
    const ws = await createRoleWorkspace(db, "invite-rules");
    const asAdmin = await inviteMembersAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      emails: ["boss@example.com"],
      role: "owner",
    });
    expect(asAdmin).toMatchObject({ ok: false, code: "forbidden" });
    const asMember = await inviteMembersAction.run(requestAs(ws.actors.member.token), {
      workspaceId: ws.workspaceId,
      emails: ["x@example.com"],
      role: "viewer",
    });
    expect(asMember).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("the plan's member limit counts active members and pending invitations", async () => {
    const ws = await createRoleWorkspace(db, "invite-limit", { memberLimit: 5 });
    await invite(ws, [`one-${Date.now()}@example.com`]); // 4 active + 1 pending = 5
    const over = await inviteMembersAction.run(requestAs(ws.actors.owner.token), {
      workspaceId: ws.workspaceId,
      emails: ["two@example.com"],
      role: "member",
    });
    expect(over).toMatchObject({ ok: false, code: "conflict" });
    expect(!over.ok && over.message).toMatch(/Your plan allows 5 members.*Upgrade/);
    expect(await db.teamMember.count({ where: { workspaceId: ws.workspaceId, status: "pending" } })).toBe(1);
  });

  it("is rate limited per inviter, with a retry time", async () => {
    const ws = await createRoleWorkspace(db, "invite-rate", { memberLimit: null });
    const batch = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => `${tag}-${i}-${Date.now()}@example.com`);
    await invite(ws, batch(20, "a"));
    const limited = await inviteMembersAction.run(requestAs(ws.actors.owner.token), {
      workspaceId: ws.workspaceId,
      emails: batch(20, "b"),
      role: "viewer",
    });
    expect(limited).toMatchObject({ ok: false, code: "rate_limited" });
    expect(!limited.ok && limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(await db.teamMember.count({ where: { workspaceId: ws.workspaceId, status: "pending" } })).toBe(20);
  });
});

describe("resend, copy link, revoke", () => {
  it("resend rotates the token: the old link stops working, the new one works", async () => {
    const ws = await createRoleWorkspace(db, "resend");
    const { invited } = await invite(ws, [`rot-${Date.now()}@example.com`]);
    const oldToken = tokenOf(invited[0]!.link);
    const resent = await resendInvitationAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      memberId: invited[0]!.memberId,
    });
    if (!resent.ok) throw new Error(resent.message);
    expect(await readInvitation(db, oldToken)).toEqual({ state: "unknown" });
    expect(await readInvitation(db, tokenOf(resent.data.link))).toMatchObject({ state: "pending" });
    const copied = await copyInvitationLinkAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      memberId: invited[0]!.memberId,
    });
    if (!copied.ok) throw new Error(copied.message);
    expect(await readInvitation(db, tokenOf(resent.data.link))).toEqual({ state: "unknown" });
    expect(await readInvitation(db, tokenOf(copied.data.link))).toMatchObject({ state: "pending" });
  });

  it("revoke: the link then says so", async () => {
    const ws = await createRoleWorkspace(db, "revoke");
    const { invited } = await invite(ws, [`rev-${Date.now()}@example.com`]);
    const result = await revokeInvitationAction.run(requestAs(ws.actors.owner.token), {
      workspaceId: ws.workspaceId,
      memberId: invited[0]!.memberId,
    });
    expect(result.ok).toBe(true);
    expect(await readInvitation(db, tokenOf(invited[0]!.link))).toMatchObject({ state: "revoked" });
  });
});

describe("accepting", () => {
  it("joins the invited address once; notifies owners and admins; writes audit and outbox", async () => {
    const ws = await createRoleWorkspace(db, "accept");
    const email = `join-${Date.now()}@example.com`;
    const { invited } = await invite(ws, [email], "viewer");
    const { user, token } = await signedInAs(email);
    const result = await acceptInvitationAction.run(requestAs(token), { token: tokenOf(invited[0]!.link) });
    expect(result).toMatchObject({ ok: true, data: { workspaceId: ws.workspaceId, role: "viewer" } });
    const member = await db.teamMember.findFirstOrThrow({ where: { workspaceId: ws.workspaceId, userId: user.id } });
    expect(member).toMatchObject({ status: "active" });
    expect(member.joinedAt).toBeInstanceOf(Date);
    expect(await db.eventOutbox.count({ where: { workspaceId: ws.workspaceId, eventType: "member.joined" } })).toBe(1);
    expect(await db.auditLog.count({ where: { workspaceId: ws.workspaceId, action: "member.joined" } })).toBe(1);
    const notified = readDevMailbox()
      .filter((m) => m.subject.includes("joined"))
      .map((m) => m.to);
    expect(notified).toEqual(expect.arrayContaining([ws.actors.owner.email, ws.actors.admin.email]));
    expect(notified).not.toContain(ws.actors.member.email);

    const again = await acceptInvitationAction.run(requestAs(token), { token: tokenOf(invited[0]!.link) });
    expect(again).toMatchObject({ ok: false, code: "conflict", message: "This invitation was already used." });
  });

  it("two concurrent accepts of one invitation make one membership", async () => {
    const ws = await createRoleWorkspace(db, "accept-race");
    const email = `race-${Date.now()}@example.com`;
    const { invited } = await invite(ws, [email]);
    const { user, token } = await signedInAs(email);
    const input = { token: tokenOf(invited[0]!.link) };
    const results = await Promise.all([
      acceptInvitationAction.run(requestAs(token), input),
      acceptInvitationAction.run(requestAs(token), input),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(
      await db.teamMember.count({ where: { workspaceId: ws.workspaceId, userId: user.id, deletedAt: null } }),
    ).toBe(1);
    expect(await db.auditLog.count({ where: { workspaceId: ws.workspaceId, action: "member.joined" } })).toBe(1);
  });

  it("signed in as another address: a clear refusal and no change", async () => {
    const ws = await createRoleWorkspace(db, "accept-other");
    const { invited } = await invite(ws, [`right-${Date.now()}@example.com`]);
    const stranger = await createTestUser(db, "wrong");
    const before = await snapshot(ws.workspaceId);
    const result = await acceptInvitationAction.run(requestAs(await createSession(db, stranger.id)), {
      token: tokenOf(invited[0]!.link),
    });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(!result.ok && result.message).toContain("This invitation is for");
    expect(await snapshot(ws.workspaceId)).toEqual(before);
  });

  it("expired, unknown and malformed tokens are refused clearly", async () => {
    const ws = await createRoleWorkspace(db, "accept-expired");
    const email = `old-${Date.now()}@example.com`;
    const { invited } = await invite(ws, [email]);
    await db.teamMember.update({
      where: { id: invited[0]!.memberId },
      data: { invitationExpiresAt: new Date(Date.now() - 1000) },
    });
    const { token } = await signedInAs(email);
    expect(await acceptInvitationAction.run(requestAs(token), { token: tokenOf(invited[0]!.link) })).toMatchObject({
      ok: false,
      code: "conflict",
      message: expect.stringContaining("expired"),
    });
    expect(await acceptInvitationAction.run(requestAs(token), { token: "A".repeat(43) })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await acceptInvitationAction.run(requestAs(token), { token: "short" })).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
  });

  it("a removed member's old link does nothing", async () => {
    const ws = await createRoleWorkspace(db, "accept-removed");
    const email = `gone-${Date.now()}@example.com`;
    const { invited } = await invite(ws, [email]);
    const { token } = await signedInAs(email);
    await acceptInvitationAction.run(requestAs(token), { token: tokenOf(invited[0]!.link) });
    await removeMemberAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      memberId: invited[0]!.memberId,
    });
    const result = await acceptInvitationAction.run(requestAs(token), { token: tokenOf(invited[0]!.link) });
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    expect(
      await db.teamMember.count({ where: { workspaceId: ws.workspaceId, id: invited[0]!.memberId, deletedAt: null } }),
    ).toBe(0);
  });

  it("the hourly job retires exactly the expired pending invitations, of every workspace, and frees their seats", async () => {
    // The job crosses workspaces: on the shared database it would retire other test files' rows while
    // they run, so it gets a database of its own.
    const scratch = await scratchPrisma("expire");
    try {
      const sdb = scratch.db;
      const now = new Date("2026-06-01T12:00:00.000Z");
      const at = (ms: number) => new Date(now.getTime() + ms);
      const a = await createRoleWorkspace(sdb, "expire-a", { memberLimit: 5 });
      const b = await createRoleWorkspace(sdb, "expire-b");
      const row = async (workspaceId: string, status: "pending" | "active", expiresAt: Date, deletedAt?: Date) => {
        const user = await createTestUser(sdb, "expire");
        return (
          await sdb.teamMember.create({
            data: { workspaceId, userId: user.id, role: "member", status, invitationExpiresAt: expiresAt, deletedAt },
          })
        ).id;
      };
      const stale = await row(a.workspaceId, "pending", at(-1000));
      const staleElsewhere = await row(b.workspaceId, "pending", at(-7 * 86_400_000));
      const expiringNow = await row(a.workspaceId, "pending", now);
      const fresh = await row(b.workspaceId, "pending", at(1000));
      const alreadyRetired = await row(a.workspaceId, "pending", at(-5000), at(-2000));
      const joined = await row(b.workspaceId, "active", at(-1000));
      // Workspace a: 4 active + 2 live pending = 6 seats used of 5 before the run, 5 after.
      const seats = () => sdb.$transaction((tx) => countSeats(tx, a.workspaceId));
      expect(await seats()).toEqual({ used: 6, limit: 5 });

      expect(await expireStaleInvitations(sdb, now)).toBe(2);
      const rows = Object.fromEntries((await sdb.teamMember.findMany()).map((r) => [r.id, r]));
      expect(rows[stale]!.deletedAt).toEqual(now);
      expect(rows[staleElsewhere]!.deletedAt).toEqual(now);
      expect(rows[expiringNow]!.deletedAt).toBeNull();
      expect(rows[fresh]!.deletedAt).toBeNull();
      expect(rows[alreadyRetired]!.deletedAt).toEqual(at(-2000));
      expect(rows[joined]!).toMatchObject({ status: "active", deletedAt: null });
      expect(await seats()).toEqual({ used: 5, limit: 5 });
      // Nothing else changed, and a second run finds nothing.
      expect(await sdb.teamMember.count({ where: { deletedAt: { not: null } } })).toBe(3);
      expect(await expireStaleInvitations(sdb, now)).toBe(0);
    } finally {
      await scratch.close();
    }
  });
});

describe("managing members", () => {
  const target = (ws: RoleWorkspace, role: keyof RoleWorkspace["actors"]) => ({
    workspaceId: ws.workspaceId,
    memberId: ws.actors[role].memberId,
  });

  it("changes a role with audit and a member.role_changed event", async () => {
    const ws = await createRoleWorkspace(db, "role");
    const result = await changeRoleAction.run(requestAs(ws.actors.admin.token), {
      ...target(ws, "viewer"),
      role: "member",
    });
    expect(result).toMatchObject({ ok: true, data: { role: "member" } });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { workspaceId: ws.workspaceId, action: "member.role_changed" },
    });
    expect(audit.before).toMatchObject({ role: "viewer" });
    expect(audit.after).toMatchObject({ role: "member" });
    expect(
      await db.eventOutbox.count({ where: { workspaceId: ws.workspaceId, eventType: "member.role_changed" } }),
    ).toBe(1);
  });

  it("an admin cannot change or remove the owner, nor make an admin an owner", async () => {
    const ws = await createRoleWorkspace(db, "admin-limits");
    const before = await snapshot(ws.workspaceId);
    expect(
      await changeRoleAction.run(requestAs(ws.actors.admin.token), { ...target(ws, "owner"), role: "viewer" }),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(await removeMemberAction.run(requestAs(ws.actors.admin.token), target(ws, "owner"))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(
      await changeRoleAction.run(requestAs(ws.actors.admin.token), { ...target(ws, "member"), role: "owner" }),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot(ws.workspaceId)).toEqual(before);
  });

  it("the last owner cannot demote themself or leave; with a second owner they can", async () => {
    const ws = await createRoleWorkspace(db, "last-owner");
    expect(
      await changeRoleAction.run(requestAs(ws.actors.owner.token), { ...target(ws, "owner"), role: "admin" }),
    ).toMatchObject({ ok: false, code: "conflict" });
    expect(
      await leaveWorkspaceAction.run(requestAs(ws.actors.owner.token), { workspaceId: ws.workspaceId }),
    ).toMatchObject({ ok: false, code: "conflict" });
    await changeRoleAction.run(requestAs(ws.actors.owner.token), { ...target(ws, "admin"), role: "owner" });
    expect(
      await leaveWorkspaceAction.run(requestAs(ws.actors.owner.token), { workspaceId: ws.workspaceId }),
    ).toMatchObject({ ok: true });
    expect(
      await db.teamMember.count({
        where: { workspaceId: ws.workspaceId, role: "owner", status: "active", deletedAt: null },
      }),
    ).toBe(1);
  });

  it("two concurrent demotions of the last two owners leave one owner", async () => {
    for (let round = 0; round < 5; round++) {
      const ws = await createRoleWorkspace(db, "owner-race");
      await changeRoleAction.run(requestAs(ws.actors.owner.token), { ...target(ws, "admin"), role: "owner" });
      // Each owner demotes the other at the same moment: one wins, the other is refused (never a deadlock).
      const results = await Promise.all([
        changeRoleAction.run(requestAs(ws.actors.owner.token), { ...target(ws, "admin"), role: "member" }),
        changeRoleAction.run(requestAs(ws.actors.admin.token), { ...target(ws, "owner"), role: "member" }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: "forbidden" });
      expect(
        await db.teamMember.count({
          where: { workspaceId: ws.workspaceId, role: "owner", status: "active", deletedAt: null },
        }),
      ).toBe(1);
    }
  });

  it("deactivate and reactivate; remove and restore, recording who", async () => {
    const ws = await createRoleWorkspace(db, "lifecycle");
    const as = requestAs(ws.actors.admin.token);
    expect(await deactivateMemberAction.run(as, target(ws, "member"))).toMatchObject({
      ok: true,
      data: { status: "inactive" },
    });
    expect(await reactivateMemberAction.run(as, target(ws, "member"))).toMatchObject({
      ok: true,
      data: { status: "active" },
    });
    expect(await removeMemberAction.run(as, target(ws, "member"))).toMatchObject({ ok: true, data: { removed: true } });
    const removed = await db.teamMember.findUniqueOrThrow({ where: { id: ws.actors.member.memberId } });
    expect(removed.deletedBy).toBe(ws.actors.admin.userId);
    expect(await db.eventOutbox.count({ where: { workspaceId: ws.workspaceId, eventType: "member.removed" } })).toBe(1);
    expect(await restoreMemberAction.run(as, target(ws, "member"))).toMatchObject({
      ok: true,
      data: { removed: false },
    });
    const actions = (
      await db.auditLog.findMany({ where: { workspaceId: ws.workspaceId }, orderBy: { createdAt: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(["member.deactivated", "member.reactivated", "member.removed", "member.restored"]);
  });

  it("transfer ownership: the target becomes owner, the owner becomes admin; admins cannot", async () => {
    const ws = await createRoleWorkspace(db, "transfer");
    expect(await transferOwnershipAction.run(requestAs(ws.actors.admin.token), target(ws, "member"))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await transferOwnershipAction.run(requestAs(ws.actors.owner.token), target(ws, "member"))).toMatchObject({
      ok: true,
      data: { role: "owner" },
    });
    const roles = await db.teamMember.findMany({
      where: { id: { in: [ws.actors.owner.memberId, ws.actors.member.memberId] } },
      select: { id: true, role: true },
    });
    expect(Object.fromEntries(roles.map((r) => [r.id, r.role]))).toEqual({
      [ws.actors.owner.memberId]: "admin",
      [ws.actors.member.memberId]: "owner",
    });
  });

  it("another workspace's member id is not found", async () => {
    const ws = await createRoleWorkspace(db, "cross-a");
    const other = await createRoleWorkspace(db, "cross-b");
    const result = await removeMemberAction.run(requestAs(ws.actors.owner.token), {
      workspaceId: ws.workspaceId,
      memberId: other.actors.viewer.memberId,
    });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await db.teamMember.findUniqueOrThrow({ where: { id: other.actors.viewer.memberId } })).toMatchObject({
      deletedAt: null,
    });
  });
});
