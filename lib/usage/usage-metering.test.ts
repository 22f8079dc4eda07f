// The usage service (docs/decisions/011-usage-metering.md): exact sums, the hard limit, alerts once
// per period, anchored resets. Real PostgreSQL; each test makes its own workspace.
import { afterAll, describe, expect, it } from "vitest";
import { readDevMailbox } from "../email/dev-mailbox";
import { createTestApiKey } from "../testing/api-key-fixtures";
import { callApi } from "../testing/call-route";
import { createRoleWorkspace } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";
import { applyBillingPeriod } from "../billing/billing-period";
import { recordUsage, recordUsageBatch } from "./record-usage";
import { resetUsagePeriods } from "./reset-usage-periods";

const db = testPrisma();
afterAll(() => db.$disconnect());

async function totals(workspaceId: string) {
  const billing = await db.billingConfig.findUniqueOrThrow({ where: { workspaceId } });
  const days = await db.dailyUsage.findMany({ where: { workspaceId } });
  return {
    month: Number(billing.tracesCurrentMonth),
    daily: days.reduce((sum, d) => sum + Number(d.traces), 0),
    reports: await db.usageReport.count({ where: { workspaceId } }),
  };
}

/** A workspace whose plan has `limit` traces (hard unless `overage`) and `used` of them already counted. */
async function workspaceWith(label: string, limit: number | null, used: number, overage = false) {
  const ws = await createRoleWorkspace(db, label);
  await db.billingConfig.update({
    where: { workspaceId: ws.workspaceId },
    data: {
      tracesPerMonthLimit: limit === null ? null : BigInt(limit),
      tracesCurrentMonth: BigInt(used),
      overageEnabled: overage,
      planType: overage ? "starter" : "free",
      currentPeriodStart: new Date(Date.now() - 86_400_000),
    },
  });
  return ws;
}

const mailTo = (to: string, subject: string) =>
  readDevMailbox().filter((mail) => mail.to === to && mail.subject.includes(subject));

describe("recording usage through the service", () => {
  it("sums 50 concurrent reports exactly, in traces_current_month and daily_usage", async () => {
    const ws = await workspaceWith("meter-50", null, 0);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => recordUsage(ws.workspaceId, i + 1, `c-${i}`)),
    );
    expect(outcomes.every((o) => o.status === "recorded")).toBe(true);
    expect(await totals(ws.workspaceId)).toEqual({ month: 1275, daily: 1275, reports: 50 });
  });

  it("raises the 80% alert once when two reports cross at the same moment: one event, one audit entry, one email each", async () => {
    const ws = await workspaceWith("meter-80", 1000, 790, true);
    const outcomes = await Promise.all([
      recordUsage(ws.workspaceId, 20, "cross-a"),
      recordUsage(ws.workspaceId, 20, "cross-b"),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["recorded", "recorded"]);
    const events = await db.eventOutbox.findMany({ where: { workspaceId: ws.workspaceId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventType: "usage.threshold_reached",
      payload: { percent: 80, used: 810, limit: 1000 },
    });
    expect(await db.auditLog.count({ where: { workspaceId: ws.workspaceId, action: "usage.threshold_reached" } })).toBe(
      1,
    );
    const billing = await db.billingConfig.findUniqueOrThrow({ where: { workspaceId: ws.workspaceId } });
    expect(billing.lastUsageAlertThreshold).toBe(80);
    expect(billing.lastUsageAlertSentAt).toBeInstanceOf(Date);
    for (const role of ["owner", "admin"] as const) {
      const mails = mailTo(ws.actors[role].email, "80% of its traces");
      expect(mails, role).toHaveLength(1);
      expect(mails[0]!.text).toContain("810 of 1,000 traces used this period (81%)");
      expect(mails[0]!.text).toContain("billed as overage at $0.5 per 1,000 traces");
      expect(mails[0]!.text).toContain(`/w/${ws.workspaceId}/settings/billing`);
    }
    for (const role of ["member", "viewer"] as const) expect(mailTo(ws.actors[role].email, "traces")).toEqual([]);
    // Reaching the limit later raises the 100% alert once more (and 80% never again).
    await recordUsage(ws.workspaceId, 200, "to-100");
    await recordUsage(ws.workspaceId, 5, "past-100");
    const types = (await db.eventOutbox.findMany({ where: { workspaceId: ws.workspaceId } })).map((e) => e.eventType);
    expect(types.sort()).toEqual(["usage.limit_exceeded", "usage.threshold_reached"]);
    expect(mailTo(ws.actors.owner.email, "reached its trace limit")).toHaveLength(1);
  });

  it("a hard limit refuses the report that would cross it and stores nothing of it; a batch is decided in order", async () => {
    const ws = await workspaceWith("meter-hard", 10_000, 9_990);
    const refused = await recordUsage(ws.workspaceId, 20, "too-much");
    expect(refused).toMatchObject({
      status: "rejected",
      error: { code: "usage_limit_exceeded", retryAfterSeconds: expect.any(Number) },
    });
    if (refused.status !== "rejected") throw new Error("expected a refusal");
    expect(refused.error.message).toContain("Free plan includes 10,000 traces");
    expect(refused.error.message).toContain("upgrade the plan on the Billing tab");
    expect(await totals(ws.workspaceId)).toEqual({ month: 9_990, daily: 0, reports: 0 });

    const batch = await recordUsageBatch(ws.workspaceId, [
      { traces: 11, idempotencyKey: "b-1" },
      { traces: 6, idempotencyKey: "b-2" },
      { traces: 4, idempotencyKey: "b-3" },
      { traces: 1, idempotencyKey: "b-4" },
    ]);
    expect(batch.map((o) => (o.status === "rejected" ? o.error.code : o.status))).toEqual([
      "usage_limit_exceeded",
      "recorded",
      "recorded",
      "usage_limit_exceeded",
    ]);
    expect(await totals(ws.workspaceId)).toEqual({ month: 10_000, daily: 10, reports: 2 });
    // At the limit, a repeat of a recorded key still answers recorded, and changes nothing.
    expect(await recordUsage(ws.workspaceId, 6, "b-2")).toMatchObject({ status: "recorded", traces: 6 });
    expect(await totals(ws.workspaceId)).toEqual({ month: 10_000, daily: 10, reports: 2 });
    // Reaching the limit exactly raised both alerts, once.
    const types = (await db.eventOutbox.findMany({ where: { workspaceId: ws.workspaceId } })).map((e) => e.eventType);
    expect(types.sort()).toEqual(["usage.limit_exceeded", "usage.threshold_reached"]);
    const mail = mailTo(ws.actors.admin.email, "reached its trace limit");
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain("hard limit: further traces are refused until the period resets on");
  });

  it("under concurrency a hard limit is never passed: 30 reports of 50 against 1,000 left record exactly 20", async () => {
    const ws = await workspaceWith("meter-race", 2_000, 1_000);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => recordUsage(ws.workspaceId, 50, `race-${i}`)),
    );
    expect(outcomes.filter((o) => o.status === "recorded")).toHaveLength(20);
    expect(await totals(ws.workspaceId)).toEqual({ month: 2_000, daily: 1_000, reports: 20 });
  });
});

describe("POST …/usage at the limit", () => {
  const ROUTE = "api/workspaces/[workspaceId]/usage";

  it("answers one refused report 429 usage_limit_exceeded with Retry-After; a batch per item (207)", async () => {
    const ws = await workspaceWith("meter-http", 10_000, 9_995);
    const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["usage:write"] });
    const periodEnd = (await db.billingConfig.findUniqueOrThrow({ where: { workspaceId: ws.workspaceId } }))
      .currentPeriodEnd;
    const post = (body: unknown) =>
      callApi({ method: "POST", route: ROUTE, params: { workspaceId: ws.workspaceId }, bearer: key.secret, body });

    const refused = await post({ traces: 6, idempotencyKey: "over" });
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({
      error: {
        code: "usage_limit_exceeded",
        message: expect.stringContaining("10,000"),
        requestId: expect.any(String),
      },
    });
    const retryAfter = Number(refused.headers.get("Retry-After"));
    const expected = (periodEnd.getTime() - Date.now()) / 1000;
    expect(retryAfter).toBeGreaterThan(expected - 5);
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil(expected) + 1);
    expect(await totals(ws.workspaceId)).toEqual({ month: 9_995, daily: 0, reports: 0 });

    const batch = await post({
      items: [
        { traces: 6, idempotencyKey: "over" },
        { traces: 5, idempotencyKey: "fits" },
      ],
    });
    expect(batch.status).toBe(207);
    expect(batch.json.data.items).toMatchObject([
      { index: 0, status: "rejected", error: { code: "usage_limit_exceeded", retryAfterSeconds: expect.any(Number) } },
      { index: 1, status: "recorded", traces: 5 },
    ]);
    // The recorded key repeated alone answers as before (200), never 429.
    const again = await post({ traces: 5, idempotencyKey: "fits" });
    expect(again.status).toBe(200);
    expect(again.json.data.items[0]).toMatchObject({ status: "recorded", traces: 5 });
    expect(await totals(ws.workspaceId)).toEqual({ month: 10_000, daily: 5, reports: 1 });
  });
});

describe("billing periods", () => {
  it("a workspace anchored on the 31st resets on the right days; running the job twice resets once", async () => {
    const ws = await createRoleWorkspace(db, "meter-31st");
    const anchor = new Date("2025-01-31T09:30:00.000Z");
    await db.billingCycle.create({ data: { workspaceId: ws.workspaceId, anchor } });
    await db.billingConfig.update({
      where: { workspaceId: ws.workspaceId },
      data: {
        currentPeriodStart: anchor,
        currentPeriodEnd: new Date("2025-02-28T09:30:00.000Z"),
        tracesCurrentMonth: 900n,
        lastUsageAlertThreshold: 80,
        lastUsageAlertSentAt: anchor,
      },
    });
    const run = (now: string) => resetUsagePeriods(db, new Date(now), [ws.workspaceId]);
    const billing = () => db.billingConfig.findUniqueOrThrow({ where: { workspaceId: ws.workspaceId } });

    expect(await run("2025-02-28T09:29:59.000Z")).toBe(0);
    expect(Number((await billing()).tracesCurrentMonth)).toBe(900);

    expect(await Promise.all([run("2025-02-28T09:30:00.000Z"), run("2025-02-28T09:31:00.000Z")])).toEqual(
      expect.arrayContaining([1, 0]),
    );
    let row = await billing();
    expect([row.currentPeriodStart.toISOString(), row.currentPeriodEnd.toISOString()]).toEqual([
      "2025-02-28T09:30:00.000Z",
      "2025-03-31T09:30:00.000Z",
    ]);
    expect(row).toMatchObject({ tracesCurrentMonth: 0n, lastUsageAlertThreshold: null, lastUsageAlertSentAt: null });

    // Usage counted in the new period survives a second run (and a webhook applying the same period).
    await db.billingConfig.update({ where: { workspaceId: ws.workspaceId }, data: { tracesCurrentMonth: 42n } });
    expect(await run("2025-03-01T00:00:00.000Z")).toBe(0);
    expect(
      await applyBillingPeriod(db, ws.workspaceId, new Date("2025-02-28T09:30:00.000Z"), row.currentPeriodEnd),
    ).toBe(false);
    expect(Number((await billing()).tracesCurrentMonth)).toBe(42);

    expect(await run("2025-03-31T09:30:00.000Z")).toBe(1);
    row = await billing();
    expect([row.currentPeriodStart.toISOString(), row.currentPeriodEnd.toISOString()]).toEqual([
      "2025-03-31T09:30:00.000Z",
      "2025-04-30T09:30:00.000Z",
    ]);
    // A job that ran late (after months without) lands in the period containing now, from the anchor.
    expect(await run("2025-07-01T00:00:00.000Z")).toBe(1);
    row = await billing();
    expect(row.currentPeriodStart.toISOString()).toBe("2025-06-30T09:30:00.000Z");
    expect(row.currentPeriodEnd.toISOString()).toBe("2025-07-31T09:30:00.000Z");
  });

  it("the job leaves workspaces Stripe bills to Stripe's periods", async () => {
    const ws = await createRoleWorkspace(db, "meter-stripe");
    await db.billingConfig.update({
      where: { workspaceId: ws.workspaceId },
      data: {
        stripeSubscriptionId: `sub_${ws.workspaceId.slice(0, 8)}`,
        currentPeriodStart: new Date(Date.now() - 30 * 86_400_000),
        currentPeriodEnd: new Date(Date.now() - 1000),
        tracesCurrentMonth: 7n,
      },
    });
    expect(await resetUsagePeriods(db, new Date(), [ws.workspaceId])).toBe(0);
    const row = await db.billingConfig.findUniqueOrThrow({ where: { workspaceId: ws.workspaceId } });
    expect(Number(row.tracesCurrentMonth)).toBe(7);
  });
});
