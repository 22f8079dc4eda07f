import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryEvent, deliveryTarget } from "../../testing/delivery-fixtures";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import type { DatadogSite } from "../integration-types";
import { sendToIntegration, serviceUrlFor } from "./sender-registry";

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(() => receiver.stop());
beforeEach(() => receiver.reset());

const API_KEY = "dd0123456789abcdef0123456789abcd";
const datadog = (site: DatadogSite = "EU") => deliveryTarget("datadog", { site }, { api_key: API_KEY });
const send = (target = datadog(), event = deliveryEvent()) =>
  sendToIntegration(target, event, {
    messageId: "msg-1",
    attemptAt: new Date(),
    allowPrivateNetworks: true,
    serviceOrigin: receiver.origin,
  });

describe("Datadog sender", () => {
  it.each([
    ["US1", "https://api.datadoghq.com/api/v1/events"],
    ["US3", "https://api.us3.datadoghq.com/api/v1/events"],
    ["US5", "https://api.us5.datadoghq.com/api/v1/events"],
    ["EU", "https://api.datadoghq.eu/api/v1/events"],
    ["AP1", "https://api.ap1.datadoghq.com/api/v1/events"],
    ["AP2", "https://api.ap2.datadoghq.com/api/v1/events"],
  ] as const)("posts to the %s site's API host", (site, url) => {
    expect(serviceUrlFor(datadog(site))).toBe(url);
  });

  it("posts an event with the API key in DD-API-KEY", async () => {
    receiver.respondWith({ status: 202, body: { status: "ok", event: { id: 1 } } });
    expect(await send()).toMatchObject({ kind: "success", httpStatus: 202 });
    const request = await receiver.waitFor();
    expect([request.method, request.path]).toEqual(["POST", "/api/v1/events"]);
    expect(request.headers["dd-api-key"]).toBe(API_KEY);
    expect(request.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      title: "Alert triggered: Error rate above 5%",
      alert_type: "error",
      priority: "normal",
      aggregation_key: "alert-42",
      tags: expect.arrayContaining(["event_type:alert.triggered", "workspace:acme_agents", "severity:error"]),
      date_happened: Date.parse("2026-03-01T12:00:00Z") / 1000,
    });
    expect(body.text).toMatch(/^%%% \n/);
    expect(body.text).toContain("checkout-agent: 7.2% of runs failed");
    expect(body.text).toContain("[Open in Agent Observability](https://app.example.com/w/acme/alerts)");
    expect(body.text).toMatch(/\n %%%$/);
  });

  it.each([
    [{ type: "alert.resolved", severity: "critical" }, "success"],
    [{ severity: "critical" }, "error"],
    [{ severity: "error" }, "error"],
    [{ severity: "warning" }, "warning"],
    [{ severity: "info" }, "info"],
  ] as const)("sets alert_type for %j to %s", async (overrides, alertType) => {
    await send(datadog(), deliveryEvent(overrides));
    expect(JSON.parse((await receiver.waitFor()).body).alert_type).toBe(alertType);
  });

  it("keeps the title within 100 and the text within 4,000 characters; aggregates other events by type", async () => {
    const event = deliveryEvent({
      type: "usage.limit_exceeded",
      payload: { limit: 5, note: "y".repeat(10_000), extra: "z".repeat(5000) },
    });
    await send(
      datadog(),
      deliveryEvent({ payload: { alertId: "a", title: "t".repeat(300), details: "d".repeat(9000) } }),
    );
    const long = JSON.parse((await receiver.waitFor()).body);
    expect(long.title.length).toBe(100);
    expect(long.text.length).toBeLessThanOrEqual(4000);
    expect(long.text).toMatch(/\n %%%$/);
    receiver.reset();
    await send(datadog(), event);
    expect(JSON.parse((await receiver.waitFor()).body).aggregation_key).toBe("usage.limit_exceeded");
  });

  it("reads 403 as permanent naming the site, 400 permanent, 429 and 5xx retryable", async () => {
    receiver.respondWith({ status: 403, body: { errors: ["Forbidden"] } }, { times: 1 });
    const forbidden = await send(datadog("EU"));
    expect(forbidden).toMatchObject({ kind: "permanent", httpStatus: 403 });
    expect(forbidden.fixHint).toContain("The API key is invalid for site EU (api.datadoghq.eu)");
    expect(forbidden.error).not.toContain(API_KEY);
    receiver.respondWith({ status: 400, body: { errors: ["Event text is required"] } }, { times: 1 });
    expect(await send()).toMatchObject({ kind: "permanent", httpStatus: 400 });
    receiver.respondWith({ status: 429, headers: { "retry-after": "5" } }, { times: 1 });
    expect(await send()).toMatchObject({ kind: "retryable", retryAfterSeconds: 5 });
    receiver.respondWith({ status: 500 }, { times: 1 });
    expect(await send()).toMatchObject({ kind: "retryable", httpStatus: 500 });
  });
});
