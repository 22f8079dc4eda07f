// POST /api/workspaces/{id}/usage: exact, idempotent, per-item answers (docs/decisions/009-idempotency-etags-and-ingestion.md).
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApiKey } from "../testing/api-key-fixtures";
import { callApi } from "../testing/call-route";
import { createRoleWorkspace, type RoleWorkspace } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";

const db = testPrisma();
afterAll(() => db.$disconnect());

const ROUTE = "api/workspaces/[workspaceId]/usage";

async function reporter(label: string): Promise<{ ws: RoleWorkspace; secret: string }> {
  const ws = await createRoleWorkspace(db, label);
  const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["usage:write"] });
  return { ws, secret: key.secret };
}

const report = (ws: RoleWorkspace, secret: string, body: unknown, headers: Record<string, string> = {}) =>
  callApi({ method: "POST", route: ROUTE, params: { workspaceId: ws.workspaceId }, bearer: secret, body, headers });

async function totals(workspaceId: string) {
  const billing = await db.billingConfig.findUniqueOrThrow({ where: { workspaceId } });
  const days = await db.dailyUsage.findMany({ where: { workspaceId }, orderBy: { day: "asc" } });
  return {
    month: Number(billing.tracesCurrentMonth),
    daily: days.reduce((sum, d) => sum + Number(d.traces), 0),
    reports: await db.usageReport.count({ where: { workspaceId } }),
  };
}

const today = () => new Date().toISOString().slice(0, 10);

describe("usage reports", () => {
  it("records one report into daily_usage and traces_current_month and answers what it recorded", async () => {
    const { ws, secret } = await reporter("usage-one");
    const answer = await report(ws, secret, { traces: 120, idempotencyKey: "r-1" });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({
      items: [{ index: 0, idempotencyKey: "r-1", status: "recorded", traces: 120, day: today() }],
      recorded: 1,
      rejected: 0,
    });
    expect(await totals(ws.workspaceId)).toEqual({ month: 120, daily: 120, reports: 1 });
  });

  it("sums 50 concurrent reports exactly", async () => {
    const { ws, secret } = await reporter("usage-50");
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => report(ws, secret, { traces: i + 1, idempotencyKey: `c-${i}` })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    const sum = (50 * 51) / 2;
    expect(await totals(ws.workspaceId)).toEqual({ month: sum, daily: sum, reports: 50 });
  });

  it("counts a repeated idempotency key once and answers it the same, even under concurrency", async () => {
    const { ws, secret } = await reporter("usage-repeat");
    const first = await report(ws, secret, { traces: 7, idempotencyKey: "same" });
    const again = await Promise.all(
      Array.from({ length: 10 }, () => report(ws, secret, { traces: 7, idempotencyKey: "same" })),
    );
    for (const answer of again) expect(answer.json).toEqual(first.json);
    expect(await totals(ws.workspaceId)).toEqual({ month: 7, daily: 7, reports: 1 });
    // Ten concurrent first reports of a new key: still once.
    await Promise.all(Array.from({ length: 10 }, () => report(ws, secret, { traces: 3, idempotencyKey: "burst" })));
    expect(await totals(ws.workspaceId)).toEqual({ month: 10, daily: 10, reports: 2 });
  });

  it("rejects a reused key with different content and changes nothing", async () => {
    const { ws, secret } = await reporter("usage-reuse");
    await report(ws, secret, { traces: 5, idempotencyKey: "k" });
    const reused = await report(ws, secret, { traces: 6, idempotencyKey: "k" });
    expect(reused.status).toBe(207);
    expect(reused.json.data.items[0]).toMatchObject({ status: "rejected", error: { code: "conflict" } });
    expect(await totals(ws.workspaceId)).toEqual({ month: 5, daily: 5, reports: 1 });
  });

  it("answers a batch per item: the valid items are stored, the invalid one is rejected with why", async () => {
    const { ws, secret } = await reporter("usage-batch");
    const answer = await report(ws, secret, {
      items: [
        { traces: 10, idempotencyKey: "b-1" },
        { traces: -4, idempotencyKey: "b-2" },
        { traces: 20, idempotencyKey: "b-3" },
        { traces: 10, idempotencyKey: "b-1" },
        { traces: 11, idempotencyKey: "b-1" },
      ],
    });
    expect(answer.status).toBe(207);
    const items = answer.json.data.items;
    expect(items.map((i: { status: string }) => i.status)).toEqual([
      "recorded",
      "rejected",
      "recorded",
      "recorded",
      "rejected",
    ]);
    expect(items[1]).toMatchObject({
      index: 1,
      idempotencyKey: "b-2",
      error: { code: "invalid_input", fieldErrors: { traces: [expect.any(String)] } },
    });
    expect(items[3]).toEqual({ ...items[0], index: 3 });
    expect(answer.json.data).toMatchObject({ recorded: 3, rejected: 2 });
    expect(await totals(ws.workspaceId)).toEqual({ month: 30, daily: 30, reports: 2 });
  });

  it("puts a report dated before the billing period on its day only, not on this period's total", async () => {
    const { ws, secret } = await reporter("usage-dated");
    const start = new Date(Date.now() - 2 * 86_400_000);
    await db.billingConfig.update({ where: { workspaceId: ws.workspaceId }, data: { currentPeriodStart: start } });
    const earlier = new Date(start.getTime() - 86_400_000).toISOString();
    const answer = await report(ws, secret, {
      items: [
        { traces: 40, idempotencyKey: "old", timestamp: earlier },
        { traces: 2, idempotencyKey: "new" },
      ],
    });
    expect(answer.json.data.items[0]).toMatchObject({ status: "recorded", day: earlier.slice(0, 10) });
    expect(await totals(ws.workspaceId)).toEqual({ month: 2, daily: 42, reports: 2 });
    const future = await report(ws, secret, {
      traces: 1,
      idempotencyKey: "f",
      timestamp: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.status).toBe(400);
  });

  it("refuses an envelope that is not one: 400 with field errors, nothing stored", async () => {
    const { ws, secret } = await reporter("usage-envelope");
    for (const body of [
      { items: [] },
      { items: Array(1001).fill({ traces: 1, idempotencyKey: "x" }) },
      { items: "no" },
      [],
    ]) {
      const answer = await report(ws, secret, body);
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    expect((await totals(ws.workspaceId)).reports).toBe(0);
  });

  it("accepts a batch of 1,000 in one request", async () => {
    const { ws, secret } = await reporter("usage-1000");
    const items = Array.from({ length: 1000 }, (_, i) => ({ traces: 2, idempotencyKey: `big-${i}` }));
    const answer = await report(ws, secret, { items });
    expect(answer.status).toBe(200);
    expect(answer.json.data.recorded).toBe(1000);
    expect(await totals(ws.workspaceId)).toEqual({ month: 2000, daily: 2000, reports: 1000 });
  });

  it("an Idempotency-Key header replays the first response; with another body it is a 409", async () => {
    const { ws, secret } = await reporter("usage-header");
    const header = { "Idempotency-Key": randomUUID() };
    const first = await report(ws, secret, { traces: 9, idempotencyKey: "h-1" }, header);
    const replay = await report(ws, secret, { traces: 9, idempotencyKey: "h-1" }, header);
    expect(replay.status).toBe(first.status);
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    const other = await report(ws, secret, { traces: 10, idempotencyKey: "h-2" }, header);
    expect(other.status).toBe(409);
    expect(await totals(ws.workspaceId)).toEqual({ month: 9, daily: 9, reports: 1 });
  });

  it("a person's session cannot report usage (keys only)", async () => {
    const ws = await createRoleWorkspace(db, "usage-session");
    const answer = await callApi({
      method: "POST",
      route: ROUTE,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.owner.token,
      body: { traces: 1, idempotencyKey: "s" },
    });
    expect(answer.status).toBe(403);
    expect((await totals(ws.workspaceId)).reports).toBe(0);
  });
});
