// The delivery engine end to end on the test database (docs/decisions/013-integration-delivery.md):
// the real dispatcher and pg-boss workers send to real HTTP receivers on loopback, and warning
// emails reach a real SMTP sink. Every test makes its own workspace and receiver paths.
import { randomUUID } from "node:crypto";
import { PgBoss } from "pg-boss";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appSmtpSink, type AppSmtpSink } from "../../testing/app-smtp";
import { createRoleWorkspace, requestAs, type RoleWorkspace } from "../../testing/fixtures";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import { testDatabaseUrl } from "../../testing/require-database";
import { testPrisma } from "../../testing/test-db";
import type { DeliveryEngine } from "./delivery-engine";

vi.mock("server-only", () => ({}));

const db = testPrisma();
let sink: AppSmtpSink;
let receiver: HttpReceiver;
let boss: PgBoss;
let engine: DeliveryEngine;
let actions: typeof import("../integration-action-definitions");
let team: typeof import("../../team/team-action-definitions");

beforeAll(async () => {
  sink = await appSmtpSink({ APP_URL: "http://settings.test" });
  receiver = await startHttpReceiver();
  // Imported after the stub, so email goes to the sink.
  actions = await import("../integration-action-definitions");
  team = await import("../../team/team-action-definitions");
  const { startDeliveryEngine } = await import("./delivery-engine");
  boss = new PgBoss({
    connectionString: testDatabaseUrl,
    schema: "pgboss",
    useListenNotify: true,
    superviseIntervalSeconds: 1,
    monitorIntervalSeconds: 1,
  });
  boss.on("error", () => undefined);
  await boss.start();
  engine = await startDeliveryEngine(boss, testDatabaseUrl, {
    dispatchIntervalMs: 100,
    timeoutMs: 1500,
    serviceOrigin: receiver.origin,
  });
}, 120_000);

afterAll(async () => {
  await engine?.stop();
  await boss?.stop({ graceful: false });
  await receiver?.stop();
  await sink?.restore();
  await db.$disconnect();
});

async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function addWebhook(ws: RoleWorkspace, path: string, extra: Record<string, unknown> = {}) {
  const result = await actions.createIntegrationAction.run(requestAs(ws.actors.admin.token), {
    workspaceId: ws.workspaceId,
    type: "webhook",
    name: `Hook ${path}`,
    url: receiver.url(path),
    ...extra,
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { id: result.data.integration.id, secret: result.data.signingSecret! };
}

/** An event in the outbox, as publishEvent writes it. */
async function publish(ws: RoleWorkspace, eventType = "alert.triggered", severity = "critical") {
  const row = await db.eventOutbox.create({
    data: {
      workspaceId: ws.workspaceId,
      eventType,
      severity,
      payload: { alertId: `alert-${randomUUID()}`, title: "Error rate above 5%" },
    },
  });
  return row.id;
}

const deliveriesOf = (integrationId: string) =>
  db.integrationDelivery.findMany({ where: { integrationId }, orderBy: { createdAt: "asc" } });
const attemptsOf = (integrationId: string) =>
  db.integrationDeliveryAttempt.findMany({ where: { integrationId }, orderBy: { attemptedAt: "asc" } });
const requestsTo = (path: string) => receiver.requests.filter((r) => r.path === path);

describe("delivery", () => {
  it("delivers a Team event to the workspace's matching integrations, signed, once each", async () => {
    const ws = await createRoleWorkspace(db, "engine-team");
    const hook = await addWebhook(ws, "/team/all");
    const alertsOnly = await addWebhook(ws, "/team/alerts", {
      eventFilters: { event_types: ["alert.triggered"], min_severity: "info" },
    });
    const off = await addWebhook(ws, "/team/off");
    await actions.setIntegrationEnabledAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      integrationId: off.id,
      enabled: false,
    });

    const invited = await team.inviteMembersAction.run(requestAs(ws.actors.owner.token), {
      workspaceId: ws.workspaceId,
      emails: [`invitee-${randomUUID().slice(0, 8)}@test.example`],
      role: "viewer",
    });
    expect(invited.ok).toBe(true);

    const received = await receiver.waitFor((r) => r.path === "/team/all", 30_000);
    const verified = new Webhook(hook.secret).verify(received.body, received.headers) as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(verified.type).toBe("member.invited");
    expect(verified.data).toMatchObject({ workspace_id: ws.workspaceId, role: "viewer" });

    const [delivery] = await waitUntil(
      () => deliveriesOf(hook.id),
      (d) => d[0]?.status === "succeeded",
    );
    expect(received.headers["webhook-id"]).toBe(delivery!.id);
    expect(delivery).toMatchObject({ attempts: 1, lastHttpStatus: 200, eventType: "member.invited" });
    const [attempt] = await attemptsOf(hook.id);
    expect(attempt).toMatchObject({ outcome: "success", httpStatus: 200, attempt: 1 });
    expect(attempt!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(await db.integrationConfig.findUniqueOrThrow({ where: { id: hook.id } })).toMatchObject({
      healthStatus: "healthy",
      totalEventsSent: 1n,
      consecutiveFailures: 0,
    });

    await sleep(1000);
    expect(requestsTo("/team/all")).toHaveLength(1);
    expect(requestsTo("/team/alerts")).toHaveLength(0);
    expect(requestsTo("/team/off")).toHaveLength(0);
    expect(await deliveriesOf(alertsOnly.id)).toHaveLength(0);
    expect(await deliveriesOf(off.id)).toHaveLength(0);
  });

  it("filters by minimum severity", async () => {
    const ws = await createRoleWorkspace(db, "engine-severity");
    const hook = await addWebhook(ws, "/severity", { eventFilters: { event_types: [], min_severity: "error" } });
    await publish(ws, "alert.triggered", "warning");
    const critical = await publish(ws, "alert.triggered", "critical");
    await receiver.waitFor((r) => r.path === "/severity");
    await sleep(800);
    const deliveries = await deliveriesOf(hook.id);
    expect(deliveries.map((d) => d.eventId)).toEqual([critical]);
  });
});

describe("retries", () => {
  it("retries a 500 after the Retry-After it asked for, with the same webhook-id", async () => {
    const ws = await createRoleWorkspace(db, "engine-500");
    const hook = await addWebhook(ws, "/r500", { retryConfig: { max_retries: 3, backoff_seconds: 1 } });
    receiver.respondWith({ status: 500, headers: { "retry-after": "2" }, body: "busy" }, { path: "/r500", times: 1 });
    await publish(ws);
    const [delivery] = await waitUntil(
      () => deliveriesOf(hook.id),
      (d) => d[0]?.status === "succeeded",
    );
    const requests = requestsTo("/r500");
    expect(requests).toHaveLength(2);
    expect(requests[1]!.receivedAt.getTime() - requests[0]!.receivedAt.getTime()).toBeGreaterThanOrEqual(1900);
    expect(new Set(requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([delivery!.id]));
    const attempts = await attemptsOf(hook.id);
    expect(attempts.map((a) => [a.attempt, a.outcome, a.httpStatus])).toEqual([
      [1, "retryable", 500],
      [2, "success", 200],
    ]);
    expect(attempts[0]!.responseExcerpt).toBe("busy");
  });

  it("after a 429 the next attempt waits at least 60 s", async () => {
    const ws = await createRoleWorkspace(db, "engine-429");
    const hook = await addWebhook(ws, "/r429", { retryConfig: { max_retries: 3, backoff_seconds: 1 } });
    receiver.respondWith({ status: 429, headers: { "retry-after": "1" } }, { path: "/r429" });
    await publish(ws);
    const [delivery] = await waitUntil(
      () => deliveriesOf(hook.id),
      (d) => (d[0]?.attempts ?? 0) >= 1,
    );
    const [attempt] = await attemptsOf(hook.id);
    expect(delivery!.status).toBe("pending");
    expect(delivery!.nextAttemptAt!.getTime() - attempt!.attemptedAt.getTime()).toBeGreaterThanOrEqual(59_000);
  });

  it("does not follow a redirect and counts it as a failure", async () => {
    const ws = await createRoleWorkspace(db, "engine-3xx");
    const hook = await addWebhook(ws, "/r302");
    receiver.respondWith({ status: 302, headers: { location: receiver.url("/elsewhere-302") } }, { path: "/r302" });
    await publish(ws);
    await waitUntil(
      () => attemptsOf(hook.id),
      (a) => a.length >= 1,
    );
    await sleep(500);
    const [attempt] = await attemptsOf(hook.id);
    expect(attempt).toMatchObject({ outcome: "retryable", httpStatus: 302 });
    expect(requestsTo("/elsewhere-302")).toHaveLength(0);
    expect((await db.integrationConfig.findUniqueOrThrow({ where: { id: hook.id } })).healthStatus).toBe("degraded");
  });

  it("times out a receiver that never answers and waits at least 60 s before trying again", async () => {
    const ws = await createRoleWorkspace(db, "engine-hang");
    const hook = await addWebhook(ws, "/hang");
    receiver.respondWith({ hang: true }, { path: "/hang" });
    await publish(ws);
    const [attempt] = await waitUntil(
      () => attemptsOf(hook.id),
      (a) => a.length >= 1,
      20_000,
    );
    expect(attempt!.outcome).toBe("retryable");
    expect(attempt!.httpStatus).toBeNull();
    expect(attempt!.latencyMs).toBeGreaterThanOrEqual(1400);
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery!.nextAttemptAt!.getTime() - attempt!.attemptedAt.getTime()).toBeGreaterThanOrEqual(59_000);
  });

  it("does not retry PagerDuty's 400", async () => {
    const ws = await createRoleWorkspace(db, "engine-pd");
    const created = await actions.createIntegrationAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      type: "pagerduty",
      name: "On call",
      routingKey: "R0123456789ABCDEF0123456789ABCDE",
      retryConfig: { max_retries: 5, backoff_seconds: 1 },
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const id = created.data.integration.id;
    receiver.respondWith(
      { status: 400, body: { status: "invalid event", message: "Event object is invalid" } },
      { path: "/v2/enqueue" },
    );
    await publish(ws);
    const [delivery] = await waitUntil(
      () => deliveriesOf(id),
      (d) => d[0]?.status === "failed",
    );
    expect(delivery).toMatchObject({ attempts: 1, lastHttpStatus: 400 });
    await sleep(2500);
    expect((await attemptsOf(id)).map((a) => a.outcome)).toEqual(["permanent"]);
    receiver.respondWith({ status: 202, body: { status: "success" } }, { path: "/v2/enqueue" });
  });
});

describe("rate limit", () => {
  it("sends at most rate_limit_per_minute a minute; the rest wait for the next minute, not dropped", async () => {
    const ws = await createRoleWorkspace(db, "engine-rate");
    const hook = await addWebhook(ws, "/rate", { rateLimitPerMinute: 2 });
    for (let i = 0; i < 5; i++) await publish(ws);
    const deliveries = await waitUntil(
      () => deliveriesOf(hook.id),
      (d) =>
        d.length === 5 &&
        d.filter((x) => x.status === "succeeded").length >= 2 &&
        d.every((x) => x.status === "succeeded" || x.nextAttemptAt),
    );
    await sleep(1500);
    const after = await deliveriesOf(hook.id);
    const windows = new Set(requestsTo("/rate").map((r) => Math.floor(r.receivedAt.getTime() / 60_000)));
    expect(requestsTo("/rate").length).toBeLessThanOrEqual(2 * windows.size);
    for (const waiting of after.filter((d) => d.status !== "succeeded")) {
      expect(waiting).toMatchObject({ status: "pending", attempts: 0 });
      expect(waiting.nextAttemptAt!.getTime() % 60_000).toBe(0);
    }
    expect(deliveries).toHaveLength(5);
  });
});

describe("health, warnings and turning off", () => {
  const mailTo = (address: string) => sink.messages.filter((m) => m.to.includes(address));

  it("emails owners and admins at 5 and 10 consecutive failures, and turns off after 15 over 24 hours", async () => {
    const ws = await createRoleWorkspace(db, "engine-disable");
    const hook = await addWebhook(ws, "/down", { retryConfig: { max_retries: 0, backoff_seconds: 1 } });
    receiver.respondWith({ status: 503, body: "down" }, { path: "/down" });
    const failAt = async (failuresBefore: number, failingSince = new Date()) => {
      await db.integrationConfig.update({ where: { id: hook.id }, data: { consecutiveFailures: failuresBefore } });
      await db.integrationRuntime.update({
        where: { integrationId: hook.id },
        data: { failingSince, warnedAtFailures: failuresBefore >= 10 ? 10 : failuresBefore >= 5 ? 5 : 0 },
      });
      const before = (await attemptsOf(hook.id)).length;
      await publish(ws);
      await waitUntil(
        () => attemptsOf(hook.id),
        (a) => a.length > before,
      );
    };

    await failAt(4);
    const fifth = await waitUntil(
      async () => mailTo(ws.actors.owner.email),
      (m) => m.length >= 1,
    );
    expect(fifth[0]!.subject).toMatch(/failed 5 times in a row/);
    await waitUntil(
      async () => mailTo(ws.actors.admin.email),
      (m) => m.length >= 1,
    );
    await sleep(500);
    expect(mailTo(ws.actors.admin.email)).toHaveLength(1);
    expect(mailTo(ws.actors.member.email)).toHaveLength(0);
    expect(await db.integrationConfig.findUniqueOrThrow({ where: { id: hook.id } })).toMatchObject({
      healthStatus: "unhealthy",
      consecutiveFailures: 5,
      isEnabled: true,
    });

    await failAt(9);
    const tenth = await waitUntil(
      async () => mailTo(ws.actors.owner.email),
      (m) => m.length >= 2,
    );
    expect(tenth.map((m) => m.subject).join("\n")).toMatch(/failed 10 times in a row/);

    // 14 failures so far, the first 25 hours ago: the 15th turns it off.
    await failAt(14, new Date(Date.now() - 25 * 3_600_000));
    const off = await waitUntil(
      () => db.integrationConfig.findUniqueOrThrow({ where: { id: hook.id } }),
      (row) => !row.isEnabled,
    );
    expect(off.consecutiveFailures).toBe(15);
    expect(await db.integrationRuntime.findUniqueOrThrow({ where: { integrationId: hook.id } })).toMatchObject({
      pausedBy: "failures",
      pausedReason: expect.stringContaining("15 consecutive failed deliveries"),
    });
    const disabled = await waitUntil(
      async () => mailTo(ws.actors.owner.email),
      (m) => m.length >= 3,
    );
    expect(disabled.map((m) => m.subject).join("\n")).toMatch(/turned off after repeated failures/);
    expect(
      await db.auditLog.count({ where: { workspaceId: ws.workspaceId, action: "integration.auto_disabled" } }),
    ).toBe(1);
  });

  it("a 410 pauses the integration at once with a fix hint, keeps the event, and sends it when turned on again", async () => {
    const ws = await createRoleWorkspace(db, "engine-410");
    const hook = await addWebhook(ws, "/gone");
    receiver.respondWith({ status: 410, body: "endpoint removed" }, { path: "/gone", times: 1 });
    await publish(ws);
    const paused = await waitUntil(
      () => db.integrationRuntime.findUniqueOrThrow({ where: { integrationId: hook.id } }),
      (r) => r.pausedBy === "gone",
    );
    expect(paused.pausedReason).toBeTruthy();
    expect((await db.integrationConfig.findUniqueOrThrow({ where: { id: hook.id } })).isEnabled).toBe(false);
    const [held] = await deliveriesOf(hook.id);
    expect(held!.status).toBe("held");
    await waitUntil(
      async () => mailTo(ws.actors.owner.email),
      (m) => m.some((x) => /paused/.test(x.subject)),
    );

    const on = await actions.setIntegrationEnabledAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      integrationId: hook.id,
      enabled: true,
    });
    expect(on).toMatchObject({ ok: true, data: { released: 1 } });
    const [sent] = await waitUntil(
      () => deliveriesOf(hook.id),
      (d) => d[0]?.status === "succeeded",
    );
    expect(sent!.id).toBe(held!.id);
    expect(requestsTo("/gone").map((r) => r.headers["webhook-id"])).toEqual([held!.id, held!.id]);
  });
});

describe("replay", () => {
  it("after turning an integration back on, a replay delivers what it missed, once", async () => {
    const ws = await createRoleWorkspace(db, "engine-replay");
    const hook = await addWebhook(ws, "/replay");
    await actions.setIntegrationEnabledAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      integrationId: hook.id,
      enabled: false,
    });
    const missed = [await publish(ws), await publish(ws), await publish(ws)];
    await waitUntil(
      () => db.eventOutbox.findMany({ where: { id: { in: missed } } }),
      (rows) => rows.every((row) => row.publishedAt),
    );
    expect(await deliveriesOf(hook.id)).toHaveLength(0);

    const on = await actions.setIntegrationEnabledAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      integrationId: hook.id,
      enabled: true,
    });
    if (!on.ok) throw new Error(JSON.stringify(on));
    expect(on.data.missed?.count).toBe(3);
    const replay = await actions.replayIntegrationAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      integrationId: hook.id,
      since: on.data.missed!.since,
    });
    expect(replay).toMatchObject({ ok: true, data: { created: 3, requeued: 0, truncated: false } });
    await waitUntil(
      () => deliveriesOf(hook.id),
      (d) => d.length === 3 && d.every((x) => x.status === "succeeded"),
    );

    const again = await actions.replayIntegrationAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      integrationId: hook.id,
      since: on.data.missed!.since,
    });
    expect(again).toMatchObject({ ok: true, data: { created: 0, requeued: 0 } });
    await sleep(1000);
    const ids = requestsTo("/replay").map((r) => r.headers["webhook-id"]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });

  it("“Retry now” sends a failed delivery again at once", async () => {
    const ws = await createRoleWorkspace(db, "engine-retry-now");
    const hook = await addWebhook(ws, "/retry-now", { retryConfig: { max_retries: 0, backoff_seconds: 1 } });
    receiver.respondWith({ status: 500 }, { path: "/retry-now", times: 1 });
    await publish(ws);
    const [failed] = await waitUntil(
      () => deliveriesOf(hook.id),
      (d) => d[0]?.status === "failed",
    );
    const retried = await actions.retryDeliveryAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      integrationId: hook.id,
      deliveryId: failed!.id,
    });
    expect(retried.ok).toBe(true);
    await waitUntil(
      () => deliveriesOf(hook.id),
      (d) => d[0]?.status === "succeeded",
    );
    expect(requestsTo("/retry-now")).toHaveLength(2);
  });
});

describe("two dispatchers", () => {
  it("deliver each event once per integration", async () => {
    const ws = await createRoleWorkspace(db, "engine-two");
    const a = await addWebhook(ws, "/two/a", { rateLimitPerMinute: 60_000 });
    const b = await addWebhook(ws, "/two/b", { rateLimitPerMinute: 60_000 });
    const { dispatchOutbox } = await import("./dispatch-outbox");
    const { createPool } = await import("../../db/pools");
    const pools = [createPool(testDatabaseUrl), createPool(testDatabaseUrl)];
    try {
      const events = 200;
      await db.eventOutbox.createMany({
        data: Array.from({ length: events }, (_, i) => ({
          workspaceId: ws.workspaceId,
          eventType: "alert.triggered",
          severity: "critical",
          payload: { alertId: `two-${i}` },
        })),
      });
      // Two more dispatchers besides the engine's, racing on small batches.
      await Promise.all(
        pools.map(async (pool) => {
          for (let i = 0; i < 30; i++) await dispatchOutbox(pool, boss, 10);
        }),
      );
      await waitUntil(
        () => db.integrationDelivery.count({ where: { workspaceId: ws.workspaceId, status: "succeeded" } }),
        (n) => n === 2 * events,
        60_000,
      );
      expect(await db.integrationDelivery.count({ where: { workspaceId: ws.workspaceId } })).toBe(2 * events);
      for (const path of ["/two/a", "/two/b"]) {
        const ids = requestsTo(path).map((r) => r.headers["webhook-id"]);
        expect(ids).toHaveLength(events);
        expect(new Set(ids).size).toBe(events);
      }
      expect([a.id, b.id]).toHaveLength(2);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
