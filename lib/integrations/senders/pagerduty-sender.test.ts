import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryEvent, deliveryTarget } from "../../testing/delivery-fixtures";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import { sendToIntegration, serviceUrlFor } from "./sender-registry";

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(() => receiver.stop());
beforeEach(() => receiver.reset());

const ROUTING_KEY = "R0UT1NGKEY0000000000000000000000";
const pagerduty = deliveryTarget(
  "pagerduty",
  { severity_mapping: { info: "info", warning: "warning", error: "critical", critical: "critical" } },
  { routing_key: ROUTING_KEY },
);
const options = () => ({
  messageId: "msg-1",
  attemptAt: new Date(),
  allowPrivateNetworks: true,
  serviceOrigin: receiver.origin,
});
const accepted = { status: 202, body: { status: "success", message: "Event processed", dedup_key: "alert-42" } };

async function sentBody(): Promise<Record<string, unknown>> {
  const request = receiver.requests.at(-1)!;
  expect([request.method, request.path, request.headers["content-type"]]).toEqual([
    "POST",
    "/v2/enqueue",
    "application/json",
  ]);
  return JSON.parse(request.body) as Record<string, unknown>;
}

describe("PagerDuty sender", () => {
  it("sends to the Events API v2", () => {
    expect(serviceUrlFor(pagerduty)).toBe("https://events.pagerduty.com/v2/enqueue");
  });

  it("triggers, then resolves the same incident by the alert's id", async () => {
    receiver.respondWith(accepted);
    const trigger = await sendToIntegration(pagerduty, deliveryEvent({ severity: "error" }), options());
    expect(trigger).toMatchObject({ kind: "success", httpStatus: 202 });
    const triggered = await sentBody();
    expect(triggered).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: "trigger",
      dedup_key: "alert-42",
      payload: {
        summary: "Alert triggered: Error rate above 5%",
        source: "Agent Observability: Acme Agents",
        severity: "critical",
        timestamp: "2026-03-01T12:00:00.000Z",
        custom_details: {
          alertId: "alert-42",
          details: "checkout-agent: 7.2% of runs failed",
          event_type: "alert.triggered",
        },
      },
      links: [{ href: "https://app.example.com/w/acme/alerts", text: "Open in Agent Observability" }],
    });

    const resolve = await sendToIntegration(pagerduty, deliveryEvent({ type: "alert.resolved" }), options());
    expect(resolve.kind).toBe("success");
    expect(await sentBody()).toEqual({ routing_key: ROUTING_KEY, event_action: "resolve", dedup_key: "alert-42" });
  });

  it("maps severities through the settings and keys other events by type and id", async () => {
    receiver.respondWith(accepted);
    const event = deliveryEvent({
      id: "evt-9",
      type: "member.invited",
      severity: "info",
      payload: { email: "a@example.com", role: "admin" },
    });
    await sendToIntegration(pagerduty, event, options());
    const body = await sentBody();
    expect(body).toMatchObject({
      event_action: "trigger",
      dedup_key: "member.invited:evt-9",
      payload: { severity: "info" },
    });
  });

  it("keeps the summary within 1,024 characters", async () => {
    receiver.respondWith(accepted);
    await sendToIntegration(
      pagerduty,
      deliveryEvent({ payload: { alertId: "a", title: "x".repeat(3000) } }),
      options(),
    );
    const summary = ((await sentBody()).payload as { summary: string }).summary;
    expect(summary.length).toBe(1024);
  });

  it("reads 400 as permanent with PagerDuty's message and a hint about the routing key", async () => {
    receiver.respondWith({
      status: 400,
      body: {
        status: "invalid event",
        message: "Event object is invalid",
        errors: ["Length of 'routing_key' is incorrect"],
      },
    });
    const outcome = await sendToIntegration(pagerduty, deliveryEvent(), options());
    expect(outcome).toMatchObject({
      kind: "permanent",
      httpStatus: 400,
      error: "PagerDuty refused the event: Event object is invalid; Length of 'routing_key' is incorrect",
    });
    expect(outcome.fixHint).toMatch(/integration key/);
    expect(outcome.error).not.toContain(ROUTING_KEY);
  });

  it("reads 429 and 5xx as retryable, other 4xx as permanent", async () => {
    receiver.respondWith({ status: 429, headers: { "retry-after": "12" } }, { times: 1 });
    expect(await sendToIntegration(pagerduty, deliveryEvent(), options())).toMatchObject({
      kind: "retryable",
      retryAfterSeconds: 12,
    });
    receiver.respondWith({ status: 502 }, { times: 1 });
    expect(await sendToIntegration(pagerduty, deliveryEvent(), options())).toMatchObject({
      kind: "retryable",
      httpStatus: 502,
    });
    receiver.respondWith({ status: 404 }, { times: 1 });
    expect(await sendToIntegration(pagerduty, deliveryEvent(), options())).toMatchObject({
      kind: "permanent",
      httpStatus: 404,
    });
  });
});
