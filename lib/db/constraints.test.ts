// CHECK constraints reject bad values and deleting a workspace cascades.
// Each test works in a workspace of its own on the suite's database.
import { afterAll, describe, expect, it } from "vitest";
import { createTestUser, createTestWorkspace, testPrisma } from "../testing/test-db";

const db = testPrisma();
afterAll(() => db.$disconnect());

const CHECK_VIOLATION = /violates check constraint/;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000);

describe("CHECK constraints", () => {
  it.each(["superuser", "OWNER", ""])("team_members rejects role %j", async (role) => {
    const ws = await createTestWorkspace(db, "check-role");
    const user = await createTestUser(db);
    await expect(
      db.$executeRaw`INSERT INTO team_members (workspace_id, user_id, role, status) VALUES (${ws.id}::uuid, ${user.id}::uuid, ${role}, 'active')`,
    ).rejects.toThrow(CHECK_VIOLATION);
  });

  it.each(["deleted", "invited", "Active"])("team_members rejects status %j", async (status) => {
    const ws = await createTestWorkspace(db, "check-status");
    const user = await createTestUser(db);
    await expect(
      db.$executeRaw`INSERT INTO team_members (workspace_id, user_id, role, status, invitation_expires_at) VALUES (${ws.id}::uuid, ${user.id}::uuid, 'member', ${status}, ${inAWeek()})`,
    ).rejects.toThrow(CHECK_VIOLATION);
  });

  it("accepts every valid role and status", async () => {
    const ws = await createTestWorkspace(db, "check-valid");
    for (const role of ["owner", "admin", "member", "viewer"]) {
      for (const status of ["pending", "active", "inactive"]) {
        const user = await createTestUser(db);
        await db.teamMember.create({
          data: { workspaceId: ws.id, userId: user.id, role, status, invitationExpiresAt: inAWeek() },
        });
      }
    }
    expect(await db.teamMember.count({ where: { workspaceId: ws.id } })).toBe(12);
  });

  it.each(["gold", "FREE", "business"])("billing_config rejects plan %j", async (plan) => {
    const ws = await createTestWorkspace(db, "check-plan");
    await expect(
      db.$executeRaw`INSERT INTO billing_config (workspace_id, plan_type, current_period_end) VALUES (${ws.id}::uuid, ${plan}, now() + interval '30 days')`,
    ).rejects.toThrow(CHECK_VIOLATION);
  });

  it.each(["expired", "paused"])("billing_config rejects plan status %j", async (status) => {
    const ws = await createTestWorkspace(db, "check-plan-status");
    await expect(
      db.$executeRaw`INSERT INTO billing_config (workspace_id, plan_status, current_period_end) VALUES (${ws.id}::uuid, ${status}, now() + interval '30 days')`,
    ).rejects.toThrow(CHECK_VIOLATION);
  });

  it.each(["ok", "down", "HEALTHY"])("integrations_config rejects health %j", async (health) => {
    const ws = await createTestWorkspace(db, "check-health");
    await expect(
      db.$executeRaw`INSERT INTO integrations_config (workspace_id, integration_type, name, health_status) VALUES (${ws.id}::uuid, 'slack', 'x', ${health})`,
    ).rejects.toThrow(CHECK_VIOLATION);
  });

  it.each(["teams", "email"])("integrations_config rejects type %j", async (type) => {
    const ws = await createTestWorkspace(db, "check-type");
    await expect(
      db.$executeRaw`INSERT INTO integrations_config (workspace_id, integration_type, name) VALUES (${ws.id}::uuid, ${type}, 'x')`,
    ).rejects.toThrow(CHECK_VIOLATION);
  });

  it("allows one live membership per user and workspace, but a new one after a soft delete", async () => {
    const ws = await createTestWorkspace(db, "unique-live");
    const user = await createTestUser(db);
    const first = await db.teamMember.create({
      data: { workspaceId: ws.id, userId: user.id, role: "member", status: "active" },
    });
    await expect(
      db.teamMember.create({ data: { workspaceId: ws.id, userId: user.id, role: "viewer", status: "active" } }),
    ).rejects.toThrow();
    await db.teamMember.update({ where: { id: first.id }, data: { deletedAt: new Date() } });
    await db.teamMember.create({ data: { workspaceId: ws.id, userId: user.id, role: "viewer", status: "active" } });
    expect(await db.teamMember.count({ where: { workspaceId: ws.id } })).toBe(2);
  });
});

describe("triggers and cascades", () => {
  it("the updated_at trigger moves updated_at on every update", async () => {
    const ws = await createTestWorkspace(db, "trigger");
    const row = await db.integrationConfig.create({
      data: { workspaceId: ws.id, integrationType: "webhook", name: "t" },
    });
    await new Promise((r) => setTimeout(r, 20));
    await db.$executeRaw`UPDATE integrations_config SET is_enabled = false WHERE id = ${row.id}::uuid`;
    const after = await db.integrationConfig.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.updatedAt.getTime()).toBeGreaterThan(row.updatedAt.getTime());
  });

  it("deleting a workspace deletes its members, billing, integrations and usage, not its users", async () => {
    const ws = await createTestWorkspace(db, "cascade");
    const user = await createTestUser(db);
    await db.teamMember.create({ data: { workspaceId: ws.id, userId: user.id, role: "owner", status: "active" } });
    await db.billingConfig.create({ data: { workspaceId: ws.id, currentPeriodEnd: inAWeek() } });
    await db.integrationConfig.create({
      data: { workspaceId: ws.id, integrationType: "slack", name: "c", createdBy: user.id },
    });
    await db.dailyUsage.create({ data: { workspaceId: ws.id, day: new Date("2026-01-01"), traces: 5n } });

    await db.workspace.delete({ where: { id: ws.id } });

    expect(await db.teamMember.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await db.billingConfig.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await db.integrationConfig.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await db.dailyUsage.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
  });

  it("deleting a user removes their memberships and clears the audit columns that named them", async () => {
    const ws = await createTestWorkspace(db, "user-delete");
    const inviter = await createTestUser(db, "inviter");
    const invitee = await createTestUser(db, "invitee");
    await db.teamMember.create({ data: { workspaceId: ws.id, userId: inviter.id, role: "owner", status: "active" } });
    const invited = await db.teamMember.create({
      data: {
        workspaceId: ws.id,
        userId: invitee.id,
        role: "member",
        status: "active",
        invitedBy: inviter.id,
        createdBy: inviter.id,
      },
    });
    await db.user.delete({ where: { id: inviter.id } });
    const after = await db.teamMember.findUniqueOrThrow({ where: { id: invited.id } });
    expect(after.invitedBy).toBeNull();
    expect(after.createdBy).toBeNull();
    expect(await db.teamMember.count({ where: { workspaceId: ws.id, userId: inviter.id } })).toBe(0);
  });
});
