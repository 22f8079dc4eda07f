// The overage job against a fake Stripe of this file's own and a scratch database of its own (the job
// crosses workspaces): each hour is reported once, a crash between writing and sending is resent once
// with the same value, and workspaces without overage or under their limit report nothing.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/prisma";
import { createStripeClient } from "../stripe/stripe-client";
import { setupStripeCatalog } from "../stripe/setup-catalog";
import { fakeStripeControls, startFakeStripe, type FakeStripe } from "../testing/fake-stripe";
import { createTestWorkspace, scratchPrisma } from "../testing/test-db";
import { overageIdentifier, reportOverage, stripeOverageSender, type SendOverage } from "./report-overage";

let fake: FakeStripe;
let stripe: Stripe;
let scratch: { db: Db; close: () => Promise<void> };
let db: Db;

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = createStripeClient(fake.secretKey, new URL(fake.url));
  await setupStripeCatalog(stripe);
  scratch = await scratchPrisma("overage");
  db = scratch.db;
}, 60_000);
afterAll(async () => {
  await scratch?.close();
  await fake?.stop();
});

const HOUR = 3_600_000;
const hourOf = (date: Date) => new Date(Math.floor(date.getTime() / HOUR) * HOUR);

async function workspaceWith(billing: {
  traces: number;
  limit?: number | null;
  overageEnabled?: boolean;
  customer?: boolean;
}): Promise<string> {
  const workspace = await createTestWorkspace(db, "overage");
  const customer =
    billing.customer === false ? null : (await stripe.customers.create({ email: `${randomUUID()}@test.example` })).id;
  await db.billingConfig.create({
    data: {
      workspaceId: workspace.id,
      planType: "starter",
      tracesPerMonthLimit:
        billing.limit === undefined ? 100_000n : billing.limit === null ? null : BigInt(billing.limit),
      tracesCurrentMonth: BigInt(billing.traces),
      overageEnabled: billing.overageEnabled ?? true,
      stripeCustomerId: customer,
      currentPeriodStart: new Date(Date.now() - 5 * 86_400_000),
      currentPeriodEnd: new Date(Date.now() + 25 * 86_400_000),
    },
  });
  return workspace.id;
}

const rowsOf = (workspaceId: string) => db.overageReport.findMany({ where: { workspaceId }, orderBy: { hour: "asc" } });

describe("reportOverage", () => {
  it("reports each closed hour once, however often it runs", async () => {
    const ws = await workspaceWith({ traces: 130_000 });
    const send = stripeOverageSender(stripe);
    const now = new Date();
    const hour = new Date(hourOf(now).getTime() - HOUR);

    await reportOverage(db, { send, now });
    await reportOverage(db, { send, now });
    expect(await fakeStripeControls(fake.url).meterEvents(`${ws}:`)).toEqual([
      expect.objectContaining({
        identifier: overageIdentifier(ws, hour),
        value: "30000",
        timestamp: hour.getTime() / 1000,
        attempts: 1,
        accepted: 1,
      }),
    ]);
    const [row] = await rowsOf(ws);
    expect(row).toMatchObject({ hour, traces: 30_000n, identifier: `${ws}:${hour.toISOString()}` });
    expect(row!.sentAt).toBeInstanceOf(Date);
    const cycle = await db.billingCycle.findUniqueOrThrow({ where: { workspaceId: ws } });
    expect(cycle.overageReportedThrough).toEqual(hour);

    // The next hour carries only what is new since.
    await db.billingConfig.update({ where: { workspaceId: ws }, data: { tracesCurrentMonth: 145_000n } });
    const later = new Date(now.getTime() + HOUR);
    await reportOverage(db, { send, now: later });
    await reportOverage(db, { send, now: later });
    const events = await fakeStripeControls(fake.url).meterEvents(`${ws}:`);
    expect(events.map((event) => [event.value, event.attempts])).toEqual([
      ["30000", 1],
      ["15000", 1],
    ]);
    expect((await rowsOf(ws)).map((r) => r.traces)).toEqual([30_000n, 15_000n]);
  });

  it("a crash after writing the row is resent once, with the value fixed when it was written", async () => {
    const ws = await workspaceWith({ traces: 120_000 });
    const now = new Date();
    const crash: SendOverage = async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:9");
    };
    expect(await reportOverage(db, { send: crash, now })).toMatchObject({ written: 1, sent: 0, failed: 1 });
    const [written] = await rowsOf(ws);
    expect(written).toMatchObject({ traces: 20_000n, sentAt: null });
    expect(await fakeStripeControls(fake.url).meterEvents(`${ws}:`)).toEqual([]);

    // More traces arrive before the rerun: the unsent hour keeps its amount.
    await db.billingConfig.update({ where: { workspaceId: ws }, data: { tracesCurrentMonth: 125_000n } });
    expect(await reportOverage(db, { send: stripeOverageSender(stripe), now })).toMatchObject({
      written: 0,
      sent: 1,
      failed: 0,
    });
    expect(await fakeStripeControls(fake.url).meterEvents(`${ws}:`)).toEqual([
      expect.objectContaining({ identifier: written!.identifier, value: "20000", attempts: 1, accepted: 1 }),
    ]);
    expect((await rowsOf(ws))[0]!.sentAt).toBeInstanceOf(Date);
  });

  it("an hour Stripe already has (sent, but not marked) counts as sent on the duplicate answer", async () => {
    const ws = await workspaceWith({ traces: 101_000 });
    const now = new Date();
    const real = stripeOverageSender(stripe);
    // Stripe receives it, then the job dies before marking it sent.
    const lostAnswer: SendOverage = async (report) => {
      await real(report);
      throw new Error("socket hang up");
    };
    await reportOverage(db, { send: lostAnswer, now });
    expect((await rowsOf(ws))[0]!.sentAt).toBeNull();
    // Past the Idempotency-Key's 24 hours (this file's fake forgets its keys), Stripe answers the
    // rerun with "identifier already exists": that counts as sent.
    fake.state.idempotency.clear();
    expect(await reportOverage(db, { send: real, now })).toMatchObject({ sent: 1, failed: 0 });
    expect((await rowsOf(ws))[0]!.sentAt).toBeInstanceOf(Date);
    expect(await fakeStripeControls(fake.url).meterEvents(`${ws}:`)).toEqual([
      expect.objectContaining({ value: "1000", attempts: 2, accepted: 1 }),
    ]);
  });

  it("reports nothing without overage, under the limit, without a limit or without a customer", async () => {
    const quiet = [
      await workspaceWith({ traces: 150_000, overageEnabled: false }),
      await workspaceWith({ traces: 90_000 }),
      await workspaceWith({ traces: 100_000 }),
      await workspaceWith({ traces: 150_000, limit: null }),
      await workspaceWith({ traces: 150_000, customer: false }),
    ];
    await reportOverage(db, { send: stripeOverageSender(stripe) });
    for (const ws of quiet) {
      expect(await rowsOf(ws)).toEqual([]);
      expect(await fakeStripeControls(fake.url).meterEvents(`${ws}:`)).toEqual([]);
    }
  });
});
