// POST /api/workspaces/{id}/events: alerts land in the outbox exactly once (docs/decisions/009-idempotency-etags-and-ingestion.md).
import { afterAll, describe, expect, it } from "vitest";
import { createTestApiKey } from "../testing/api-key-fixtures";
import { callApi } from "../testing/call-route";
import { createRoleWorkspace } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";

const db = testPrisma();
afterAll(() => db.$disconnect());

const ROUTE = "api/workspaces/[workspaceId]/events";
const alert = (key: string, extra: Record<string, unknown> = {}) => ({
  type: "alert.triggered",
  alertId: "cpu-high",
  severity: "critical",
  title: "CPU above 95%",
  details: "host web-1\nsince 10:02",
  idempotencyKey: key,
  ...extra,
});

describe("alert events", () => {
  it("write each event to the outbox once, with the key as its source, and answer the same on a repeat", async () => {
    const ws = await createRoleWorkspace(db, "events");
    const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["events:write"], name: "Alerting" });
    const publish = (body: unknown) =>
      callApi({ method: "POST", route: ROUTE, params: { workspaceId: ws.workspaceId }, bearer: key.secret, body });
    const answers = await Promise.all(Array.from({ length: 10 }, () => publish(alert("e-1"))));
    const ids = new Set(answers.map((a) => a.json.data?.items?.[0]?.eventId).filter(Boolean));
    expect(ids.size).toBe(1);
    const rows = await db.eventOutbox.findMany({
      where: { workspaceId: ws.workspaceId, eventType: "alert.triggered" },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      severity: "critical",
      idempotencyKey: "e-1",
      payload: {
        alertId: "cpu-high",
        title: "CPU above 95%",
        details: "host web-1\nsince 10:02",
        source: `API key "Alerting" (${key.prefix}…)`,
      },
    });
    const resolved = await publish({
      items: [alert("e-2", { type: "alert.resolved", severity: "info" }), alert("e-1", { title: "changed" })],
    });
    expect(resolved.status).toBe(207);
    expect(resolved.json.data.items.map((i: { status: string }) => i.status)).toEqual(["recorded", "rejected"]);
    expect(await db.eventOutbox.count({ where: { workspaceId: ws.workspaceId } })).toBe(2);
  });

  it("rejects bad events with field errors and stores nothing of them", async () => {
    const ws = await createRoleWorkspace(db, "events-bad");
    const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["events:write"] });
    const answer = await callApi({
      method: "POST",
      route: ROUTE,
      params: { workspaceId: ws.workspaceId },
      bearer: key.secret,
      body: {
        items: [
          alert("x", { type: "member.invited" }),
          alert("y", { details: "a\u0000b" }),
          alert("z", { severity: "fatal" }),
        ],
      },
    });
    expect(answer.status).toBe(207);
    expect(answer.json.data).toMatchObject({ recorded: 0, rejected: 3 });
    expect(await db.eventOutbox.count({ where: { workspaceId: ws.workspaceId } })).toBe(0);
  });

  it("needs events:write: a usage key is refused", async () => {
    const ws = await createRoleWorkspace(db, "events-scope");
    const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["usage:write", "read"] });
    const answer = await callApi({
      method: "POST",
      route: ROUTE,
      params: { workspaceId: ws.workspaceId },
      bearer: key.secret,
      body: alert("q"),
    });
    expect(answer.status).toBe(403);
    expect(await db.eventOutbox.count({ where: { workspaceId: ws.workspaceId } })).toBe(0);
  });
});
