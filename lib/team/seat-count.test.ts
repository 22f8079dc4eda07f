// billing_config.team_members_current (the Billing tab's team meter) equals active members plus pending
// invitations after every team change, and after the expiry job (real PostgreSQL).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBillingOverview } from "../billing/billing-overview";
import { createPrismaClient, type Db } from "../db/prisma";
import { createScratchDatabase, type ScratchDatabase } from "../db/scratch-database";
import { tenantTransaction } from "../db/tenant-transaction";
import { createRoleWorkspace, createSession, requestAs } from "../testing/fixtures";
import { testAdminDatabaseUrl, testDatabaseUrl } from "../testing/require-database";
import { testPrisma } from "../testing/test-db";
import { expireStaleInvitations } from "./expire-invitations";
import { syncSeatCount } from "./seat-limit";
import {
  acceptInvitationAction,
  deactivateMemberAction,
  inviteMembersAction,
  leaveWorkspaceAction,
  reactivateMemberAction,
  removeMemberAction,
  restoreMemberAction,
  revokeInvitationAction,
} from "./team-action-definitions";

const db = testPrisma();
afterAll(() => db.$disconnect());

/** Seats in use by the definition: active members and pending invitations, not removed. */
const seatsInUse = (client: Db, workspaceId: string) =>
  client.teamMember.count({ where: { workspaceId, deletedAt: null, status: { in: ["active", "pending"] } } });
const counter = async (client: Db, workspaceId: string) =>
  (await client.billingConfig.findUniqueOrThrow({ where: { workspaceId }, select: { teamMembersCurrent: true } }))
    .teamMembersCurrent;
const meter = async (client: Db, workspaceId: string) =>
  (await tenantTransaction(client, workspaceId, (tx) => getBillingOverview(tx, workspaceId)))!.meters.teamMembers;

/** The counter, the true count and the Billing overview's meter agree, and equal `expected`. */
async function expectSeats(client: Db, workspaceId: string, expected: number, step: string) {
  expect(await seatsInUse(client, workspaceId), `${step}: seats in use`).toBe(expected);
  expect(await counter(client, workspaceId), `${step}: team_members_current`).toBe(expected);
  expect((await meter(client, workspaceId)).used, `${step}: Billing meter`).toBe(expected);
}

function ok<T>(result: { ok: true; data: T } | { ok: false; code: string; message: string }, step: string): T {
  if (!result.ok) throw new Error(`${step}: ${result.code} ${result.message}`);
  return result.data;
}

describe("every team change keeps the counter", () => {
  it("invite, revoke, remove, restore, deactivate, reactivate, leave, accept", async () => {
    const ws = await createRoleWorkspace(db, "seats", { memberLimit: 20 });
    const { workspaceId } = ws;
    const owner = requestAs(ws.actors.owner.token);
    const target = (memberId: string) => ({ workspaceId, memberId });
    const run = randomUUID().slice(0, 8);
    const emails = [`seat-a-${run}@seats.example`, `seat-b-${run}@seats.example`, `seat-c-${run}@seats.example`];

    // 4 active members (the fixture writes the billing row without a count).
    const invited = ok(await inviteMembersAction.run(owner, { workspaceId, emails, role: "member" }), "invite");
    await expectSeats(db, workspaceId, 7, "after inviting 3");
    expect((await meter(db, workspaceId)).limit).toBe(20);

    ok(await revokeInvitationAction.run(owner, target(invited.invited[0]!.memberId)), "revoke");
    await expectSeats(db, workspaceId, 6, "after revoking one");

    ok(await removeMemberAction.run(owner, target(ws.actors.member.memberId)), "remove");
    await expectSeats(db, workspaceId, 5, "after removing a member");

    ok(await restoreMemberAction.run(owner, target(ws.actors.member.memberId)), "restore");
    await expectSeats(db, workspaceId, 6, "after restoring them");

    ok(await deactivateMemberAction.run(owner, target(ws.actors.viewer.memberId)), "deactivate");
    await expectSeats(db, workspaceId, 5, "after deactivating the viewer");

    // Removing an inactive member frees no seat; restoring them takes none.
    ok(await removeMemberAction.run(owner, target(ws.actors.viewer.memberId)), "remove inactive");
    await expectSeats(db, workspaceId, 5, "after removing the inactive viewer");
    ok(await restoreMemberAction.run(owner, target(ws.actors.viewer.memberId)), "restore inactive");
    await expectSeats(db, workspaceId, 5, "after restoring the inactive viewer");

    ok(await reactivateMemberAction.run(owner, target(ws.actors.viewer.memberId)), "reactivate");
    await expectSeats(db, workspaceId, 6, "after reactivating the viewer");

    ok(await leaveWorkspaceAction.run(requestAs(ws.actors.admin.token), { workspaceId }), "leave");
    await expectSeats(db, workspaceId, 5, "after the admin left");

    const invitee = await db.user.findUniqueOrThrow({ where: { email: emails[1] } });
    const token = invited.invited[1]!.link.split("/invitations/")[1]!;
    ok(await acceptInvitationAction.run(requestAs(await createSession(db, invitee.id)), { token }), "accept");
    expect(
      await db.teamMember.findUniqueOrThrow({ where: { id: invited.invited[1]!.memberId }, select: { status: true } }),
    ).toEqual({ status: "active" });
    await expectSeats(db, workspaceId, 5, "after an invitee accepted (pending → active)");

    // Removing a pending invitation through "remove" frees its seat too.
    ok(await removeMemberAction.run(owner, target(invited.invited[2]!.memberId)), "remove pending");
    await expectSeats(db, workspaceId, 4, "after removing the last pending invitation");
  });

  it("a refused change leaves the counter as it was", async () => {
    const ws = await createRoleWorkspace(db, "seats-refused", { memberLimit: 5 });
    const owner = requestAs(ws.actors.owner.token);
    const run = randomUUID().slice(0, 8);
    ok(
      await inviteMembersAction.run(owner, {
        workspaceId: ws.workspaceId,
        emails: [`r1-${run}@seats.example`],
        role: "viewer",
      }),
      "invite within the limit",
    );
    await expectSeats(db, ws.workspaceId, 5, "at the limit");
    const over = await inviteMembersAction.run(owner, {
      workspaceId: ws.workspaceId,
      emails: [`r2-${run}@seats.example`],
      role: "viewer",
    });
    expect(over).toMatchObject({ ok: false, code: "conflict" });
    await expectSeats(db, ws.workspaceId, 5, "after a refused invitation");
  });
});

describe("the expiry job (a scratch database: it crosses workspaces)", () => {
  let scratch: ScratchDatabase;
  let scratchDb: Db;

  beforeAll(async () => {
    scratch = await createScratchDatabase(testAdminDatabaseUrl, "seats", { appUrl: testDatabaseUrl });
    scratchDb = createPrismaClient(scratch.url);
  });
  afterAll(async () => {
    await scratchDb?.$disconnect();
    await scratch?.drop();
  });

  /** A workspace with `active` members and the given pending invitations (expired or not), counter synced. */
  async function workspaceWith(label: string, active: number, pending: { expired: boolean }[]) {
    const workspace = await scratchDb.workspace.create({
      data: { name: label, slug: `${label}-${randomUUID().slice(0, 8)}` },
    });
    await scratchDb.billingConfig.create({
      data: { workspaceId: workspace.id, teamMembersLimit: 50, currentPeriodEnd: new Date(Date.now() + 86_400_000) },
    });
    const user = (tag: string) =>
      scratchDb.user.create({ data: { email: `${tag}-${randomUUID().slice(0, 8)}@expiry.example` } });
    for (let i = 0; i < active; i++) {
      await scratchDb.teamMember.create({
        data: {
          workspaceId: workspace.id,
          userId: (await user("active")).id,
          role: i === 0 ? "owner" : "member",
          status: "active",
          joinedAt: new Date(),
        },
      });
    }
    for (const { expired } of pending) {
      await scratchDb.teamMember.create({
        data: {
          workspaceId: workspace.id,
          userId: (await user("pending")).id,
          role: "viewer",
          status: "pending",
          invitationTokenHash: randomUUID().replace(/-/g, "") + randomUUID().replace(/-/g, ""),
          invitationExpiresAt: new Date(Date.now() + (expired ? -3_600_000 : 3_600_000)),
        },
      });
    }
    await tenantTransaction(scratchDb, workspace.id, (tx) => syncSeatCount(tx, workspace.id));
    return workspace.id;
  }

  it("retiring expired invitations frees their seats in each workspace, and the Billing meter shows it", async () => {
    const a = await workspaceWith("expiry-a", 2, [{ expired: true }, { expired: true }, { expired: false }]);
    const b = await workspaceWith("expiry-b", 1, [{ expired: true }]);
    const c = await workspaceWith("expiry-c", 3, [{ expired: false }]);
    await expectSeats(scratchDb, a, 5, "a before");
    await expectSeats(scratchDb, b, 2, "b before");
    await expectSeats(scratchDb, c, 4, "c before");

    expect(await expireStaleInvitations(scratchDb)).toBe(3);
    await expectSeats(scratchDb, a, 3, "a after");
    await expectSeats(scratchDb, b, 1, "b after");
    await expectSeats(scratchDb, c, 4, "c after");

    // Running again retires nothing and changes no counter.
    expect(await expireStaleInvitations(scratchDb)).toBe(0);
    await expectSeats(scratchDb, a, 3, "a after a second run");
    await expectSeats(scratchDb, b, 1, "b after a second run");
  });

  it("a team change that commits while the expiry job runs in the same workspace leaves the counter right", async () => {
    // The expiry job takes no workspace lock. Here it has retired an invitation and updated the
    // counter, not yet committed, when a team change's final syncSeatCount starts (it waits for the
    // billing row); then the job commits, then the team change.
    const ws = await workspaceWith("expiry-race", 2, [{ expired: true }, { expired: false }]);
    await expectSeats(scratchDb, ws, 4, "before");

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let expired!: () => void;
    const expiredYet = new Promise<void>((resolve) => (expired = resolve));
    const job = scratchDb.$transaction(
      async (tx) => {
        const retired = await expireStaleInvitations(tx as unknown as Db);
        expired();
        await gate;
        return retired;
      },
      { timeout: 30_000 },
    );
    await expiredYet;
    const change = tenantTransaction(scratchDb, ws, (tx) => syncSeatCount(tx, ws));
    // Wait until the team change is blocked on the job's locks (only this test uses the scratch database).
    for (let i = 0; i < 100; i++) {
      const [row] = await scratchDb.$queryRaw<{ waiting: bigint }[]>`
        SELECT count(*) AS waiting FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (Number(row?.waiting ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    release();
    expect(await job).toBe(1);
    await change;
    await expectSeats(scratchDb, ws, 3, "after the job and the change both committed");
  });
});
