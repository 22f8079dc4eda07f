// The engine's periodic jobs on a scratch database of their own (they cross workspaces): the health
// check of quiet integrations, and the pruning of old outbox events and attempts.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../db/prisma";
import { pruneEventOutbox } from "../../events/prune-outbox";
import { createRoleWorkspace } from "../../testing/fixtures";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import { scratchPrisma } from "../../testing/test-db";
import { sealSecrets } from "../integration-credentials";
import { checkIntegrationHealth } from "./check-integration-health";

vi.mock("server-only", () => ({}));

let db: Db;
let close: () => Promise<void>;
let receiver: HttpReceiver;
beforeAll(async () => {
  ({ db, close } = await scratchPrisma("housekeeping"));
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await receiver.stop();
  await close();
});

async function integration(
  workspaceId: string,
  type: string,
  config: object,
  secrets: object,
  extra: { lastSyncAt?: Date } = {},
) {
  const id = randomUUID();
  await db.integrationConfig.create({
    data: {
      id,
      workspaceId,
      integrationType: type,
      name: `${type} ${id.slice(0, 4)}`,
      config,
      credentialsEncrypted: sealSecrets(secrets, { workspaceId, integrationId: id }),
      ...extra,
    },
  });
  return id;
}

const stateOf = async (id: string) => ({
  ...(await db.integrationConfig.findUniqueOrThrow({ where: { id } })),
  detail: (await db.integrationRuntime.findUnique({ where: { integrationId: id } }))?.healthDetail,
});

describe("the health check", () => {
  it("asks what costs nothing, says when there is nothing to ask, and leaves busy integrations alone", async () => {
    const ws = await createRoleWorkspace(db, "health");
    receiver.respondWith({ status: 200, body: { valid: true } }, { path: "/api/v1/validate" });
    receiver.respondWith({ status: 404, body: "no_service" }, { path: "/services/gone" });
    const datadog = await integration(ws.workspaceId, "datadog", { site: "EU" }, { api_key: "0".repeat(32) });
    const slackGone = await integration(
      ws.workspaceId,
      "slack",
      { channel: "#x" },
      { webhook_url: receiver.url("/services/gone") },
    );
    const pagerduty = await integration(
      ws.workspaceId,
      "pagerduty",
      { severity_mapping: {} },
      { routing_key: "R".repeat(32) },
    );
    const busy = await integration(
      ws.workspaceId,
      "datadog",
      { site: "US1" },
      { api_key: "1".repeat(32) },
      {
        lastSyncAt: new Date(),
      },
    );

    const result = await checkIntegrationHealth(db, { serviceOrigin: receiver.origin });
    expect(result).toEqual({ checked: 2, skipped: 1 });

    const validate = receiver.requests.find((r) => r.path === "/api/v1/validate");
    expect(validate?.headers["dd-api-key"]).toBe("0".repeat(32));
    expect(await stateOf(datadog)).toMatchObject({ healthStatus: "healthy", lastHealthCheckAt: expect.any(Date) });
    expect(await stateOf(slackGone)).toMatchObject({ healthStatus: "unhealthy" });
    const skipped = await stateOf(pagerduty);
    expect(skipped.healthStatus).toBe("unknown");
    expect(skipped.detail).toMatch(/^Check skipped: .*PagerDuty/);
    expect((await stateOf(busy)).lastHealthCheckAt).toBeNull();
  });
});

describe("pruning", () => {
  it("deletes delivered events and attempts older than 30 days, keeps what an integration still waits for", async () => {
    const ws = await createRoleWorkspace(db, "prune");
    const id = await integration(ws.workspaceId, "webhook", { url: receiver.url("/p") }, { signing_secret: "whsec_x" });
    const old = new Date(Date.now() - 31 * 86_400_000);
    const event = (publishedAt: Date | null) =>
      db.eventOutbox.create({
        data: { workspaceId: ws.workspaceId, eventType: "alert.triggered", createdAt: old, publishedAt },
      });
    const delivered = await event(old);
    const waiting = await event(old);
    const unread = await event(null);
    const recent = await db.eventOutbox.create({
      data: { workspaceId: ws.workspaceId, eventType: "alert.triggered", publishedAt: new Date() },
    });
    const done = await db.integrationDelivery.create({
      data: {
        workspaceId: ws.workspaceId,
        integrationId: id,
        eventId: delivered.id,
        eventType: "alert.triggered",
        status: "succeeded",
      },
    });
    await db.integrationDelivery.create({
      data: {
        workspaceId: ws.workspaceId,
        integrationId: id,
        eventId: waiting.id,
        eventType: "alert.triggered",
        status: "held",
      },
    });
    for (const [attemptedAt, attempt] of [
      [old, 1],
      [new Date(), 2],
    ] as const) {
      await db.integrationDeliveryAttempt.create({
        data: {
          workspaceId: ws.workspaceId,
          integrationId: id,
          deliveryId: done.id,
          attempt,
          attemptedAt,
          outcome: "success",
          latencyMs: 3,
        },
      });
    }

    const result = await pruneEventOutbox(db);
    expect(result).toMatchObject({ pruned: 1, attempts: 1 });
    const left = (await db.eventOutbox.findMany({ where: { workspaceId: ws.workspaceId } })).map((e) => e.id).sort();
    expect(left).toEqual([waiting.id, unread.id, recent.id].sort());
    expect(await db.integrationDelivery.count({ where: { eventId: delivered.id } })).toBe(0);
    expect(await db.integrationDeliveryAttempt.count({ where: { integrationId: id } })).toBe(0);
  });
});
