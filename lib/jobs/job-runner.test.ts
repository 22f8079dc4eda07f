// The real pg-boss on a scratch database of its own (the job retires expired
// invitations of every workspace, so it must not run over other tests' data):
// the hourly schedule is registered and a run of the job retires them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "../db/prisma";
import { createScratchDatabase, type ScratchDatabase } from "../db/scratch-database";
import { createTestApiKey } from "../testing/api-key-fixtures";
import { createRoleWorkspace } from "../testing/fixtures";
import { testAdminDatabaseUrl, testDatabaseUrl } from "../testing/require-database";
import { createTestUser } from "../testing/test-db";
import {
  EXPIRE_INVITATIONS,
  PRUNE_EVENT_OUTBOX,
  PRUNE_IDEMPOTENCY_KEYS,
  REPORT_OVERAGE,
  RETIRE_EXPIRED_API_KEYS,
  RESET_USAGE_PERIODS,
  startJobRunner,
  type JobRunner,
} from "./job-runner";
import { OUTBOX_RETENTION_DAYS } from "../events/prune-outbox";
import { env } from "../env";
import { getStripe } from "../stripe/stripe-client";
import { fakeStripeControls } from "../testing/fake-stripe";

let scratch: ScratchDatabase;
let db: Db;
let runner: JobRunner;

beforeAll(async () => {
  scratch = await createScratchDatabase(testAdminDatabaseUrl, "jobs", { appUrl: testDatabaseUrl });
  db = createPrismaClient(scratch.url);
  runner = await startJobRunner(scratch.url, { pollingIntervalSeconds: 0.5 });
}, 60_000);
afterAll(async () => {
  await runner?.stop();
  await db?.$disconnect();
  await scratch?.drop();
});

describe("the job runner", () => {
  it("schedules expire-invitations hourly", async () => {
    const schedules = await runner.boss.getSchedules(EXPIRE_INVITATIONS);
    expect(schedules.map((s) => s.cron)).toEqual(["0 * * * *"]);
  });

  it("a run retires expired invitations", async () => {
    const ws = await createRoleWorkspace(db, "job");
    const user = await createTestUser(db, "expired-invitee");
    const stale = await db.teamMember.create({
      data: {
        workspaceId: ws.workspaceId,
        userId: user.id,
        role: "member",
        status: "pending",
        invitationExpiresAt: new Date(Date.now() - 60_000),
      },
    });
    await runner.boss.send(EXPIRE_INVITATIONS, {});
    const deadline = Date.now() + 20_000;
    let retired = null as Date | null;
    while (Date.now() < deadline && !retired) {
      retired = (await db.teamMember.findUniqueOrThrow({ where: { id: stale.id } })).deletedAt;
      if (!retired) await new Promise((r) => setTimeout(r, 200));
    }
    expect(retired).toBeInstanceOf(Date);
  });

  it("schedules the outbox pruning daily; a run deletes events past the retention and keeps the rest", async () => {
    const schedules = await runner.boss.getSchedules(PRUNE_EVENT_OUTBOX);
    expect(schedules.map((s) => s.cron)).toEqual(["17 3 * * *"]);
    const ws = await createRoleWorkspace(db, "prune");
    const old = await db.eventOutbox.create({
      data: {
        workspaceId: ws.workspaceId,
        eventType: "member.invited",
        createdAt: new Date(Date.now() - (OUTBOX_RETENTION_DAYS + 1) * 86_400_000),
        // Already handed to the delivery engine: the prune job may run before the runner's own
        // dispatcher publishes it, and only published events are pruned.
        publishedAt: new Date(Date.now() - OUTBOX_RETENTION_DAYS * 86_400_000),
      },
    });
    const recent = await db.eventOutbox.create({
      data: {
        workspaceId: ws.workspaceId,
        eventType: "member.invited",
        createdAt: new Date(Date.now() - (OUTBOX_RETENTION_DAYS - 1) * 86_400_000),
        publishedAt: new Date(Date.now() - (OUTBOX_RETENTION_DAYS - 1) * 86_400_000),
      },
    });
    await runner.boss.send(PRUNE_EVENT_OUTBOX, {});
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await db.eventOutbox.count({ where: { id: old.id } })) > 0) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await db.eventOutbox.count({ where: { id: old.id } })).toBe(0);
    expect(await db.eventOutbox.count({ where: { id: recent.id } })).toBe(1);
  });

  it("prunes Idempotency-Key responses hourly once they are past their 24 hours", async () => {
    const schedules = await runner.boss.getSchedules(PRUNE_IDEMPOTENCY_KEYS);
    expect(schedules.map((s) => s.cron)).toEqual(["41 * * * *"]);
    const ws = await createRoleWorkspace(db, "prune-idem");
    const row = (key: string, hoursAgo: number) => ({
      workspaceId: ws.workspaceId,
      principal: `user:${ws.actors.owner.userId}`,
      key,
      route: "POST /x",
      requestHash: "0".repeat(64),
      createdAt: new Date(Date.now() - hoursAgo * 3_600_000),
    });
    await db.idempotencyKey.createMany({ data: [row("old", 25), row("new", 23)] });
    await runner.boss.send(PRUNE_IDEMPOTENCY_KEYS, {});
    const deadline = Date.now() + 20_000;
    const left = () => db.idempotencyKey.findMany({ where: { workspaceId: ws.workspaceId }, select: { key: true } });
    while (Date.now() < deadline && (await left()).length > 1) await new Promise((r) => setTimeout(r, 200));
    expect(await left()).toEqual([{ key: "new" }]);
  });

  it("retires expired API keys every five minutes: the meter counts live keys, the log says so", async () => {
    const schedules = await runner.boss.getSchedules(RETIRE_EXPIRED_API_KEYS);
    expect(schedules.map((s) => s.cron)).toEqual(["*/5 * * * *"]);
    const ws = await createRoleWorkspace(db, "retire-keys");
    const expired = await createTestApiKey(db, ws.workspaceId, {
      scopes: ["read"],
      name: "Old CI",
      expiresAt: new Date(Date.now() - 1000),
    });
    const live = await createTestApiKey(db, ws.workspaceId, {
      scopes: ["read"],
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await db.billingConfig.update({ where: { workspaceId: ws.workspaceId }, data: { apiKeysCurrent: 2 } });
    await runner.boss.send(RETIRE_EXPIRED_API_KEYS, {});
    const deadline = Date.now() + 20_000;
    const current = async () =>
      (await db.billingConfig.findUniqueOrThrow({ where: { workspaceId: ws.workspaceId } })).apiKeysCurrent;
    while (Date.now() < deadline && (await current()) !== 1) await new Promise((r) => setTimeout(r, 200));
    expect(await current()).toBe(1);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: expired.id } })).revokedAt).not.toBeNull();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: live.id } })).revokedAt).toBeNull();
    const entry = await db.auditLog.findFirstOrThrow({
      where: { workspaceId: ws.workspaceId, action: "api_key.expired" },
    });
    expect(entry).toMatchObject({ targetId: expired.id, actorUserId: null, before: { name: "Old CI" } });
  });

  it("moves ended periods every ten minutes (workspaces without a Stripe subscription)", async () => {
    const schedules = await runner.boss.getSchedules(RESET_USAGE_PERIODS);
    expect(schedules.map((s) => s.cron)).toEqual(["*/10 * * * *"]);
    const ws = await createRoleWorkspace(db, "reset-periods");
    const anchor = new Date(Date.now() - 40 * 86_400_000);
    await db.billingConfig.update({
      where: { workspaceId: ws.workspaceId },
      data: {
        currentPeriodStart: anchor,
        currentPeriodEnd: new Date(Date.now() - 5 * 86_400_000),
        tracesCurrentMonth: 123n,
      },
    });
    await runner.boss.send(RESET_USAGE_PERIODS, {});
    const deadline = Date.now() + 20_000;
    const row = () => db.billingConfig.findUniqueOrThrow({ where: { workspaceId: ws.workspaceId } });
    while (Date.now() < deadline && (await row()).tracesCurrentMonth !== 0n)
      await new Promise((r) => setTimeout(r, 200));
    const moved = await row();
    expect(moved.tracesCurrentMonth).toBe(0n);
    expect(moved.currentPeriodStart.getTime()).toBeLessThanOrEqual(Date.now());
    expect(moved.currentPeriodEnd.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("the overage job", () => {
  it("is scheduled hourly; a run sends a workspace's overage to the run's (fake) Stripe", async () => {
    const schedules = await runner.boss.getSchedules(REPORT_OVERAGE);
    expect(schedules.map((s) => s.cron)).toEqual(["5 * * * *"]);
    const ws = await createRoleWorkspace(db, "overage-job");
    const customer = await getStripe().customers.create({ email: "overage-job@test.example" });
    await db.billingConfig.update({
      where: { workspaceId: ws.workspaceId },
      data: {
        overageEnabled: true,
        stripeCustomerId: customer.id,
        tracesPerMonthLimit: 1000n,
        tracesCurrentMonth: 1500n,
        currentPeriodStart: new Date(Date.now() - 86_400_000),
      },
    });
    await runner.boss.send(REPORT_OVERAGE, {});
    const deadline = Date.now() + 20_000;
    const sent = async () => (await db.overageReport.findFirst({ where: { workspaceId: ws.workspaceId } }))?.sentAt;
    while (Date.now() < deadline && !(await sent())) await new Promise((r) => setTimeout(r, 200));
    expect(await sent()).toBeInstanceOf(Date);
    const events = await fakeStripeControls(env.STRIPE_API_BASE!).meterEvents(`${ws.workspaceId}:`);
    expect(events).toEqual([expect.objectContaining({ customer: customer.id, value: "500", accepted: 1 })]);
  });
});
