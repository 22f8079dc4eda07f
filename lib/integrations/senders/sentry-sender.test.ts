import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryEvent, deliveryTarget } from "../../testing/delivery-fixtures";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import { sendToIntegration, serviceUrlFor } from "./sender-registry";
import { MAX_SENTRY_EVENT_BYTES, parseSentryDsn, sentryEventId, sentryRateLimitSeconds } from "./sentry-sender";

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(() => receiver.stop());
beforeEach(() => receiver.reset());

const KEY = "0123456789abcdef0123456789abcdef";
const sentry = (dsn = `http://${KEY}@127.0.0.1:${receiver.port}/42`) =>
  deliveryTarget("sentry", { environment: "production" }, { dsn });
const attemptAt = new Date("2026-03-01T12:00:05.000Z");
const send = (target = sentry(), event = deliveryEvent()) =>
  sendToIntegration(target, event, { messageId: "msg-7", attemptAt, allowPrivateNetworks: true });

describe("parseSentryDsn", () => {
  it.each([
    [
      `https://${KEY}@o1.ingest.sentry.io/4501`,
      { origin: "https://o1.ingest.sentry.io", publicKey: KEY, projectId: "4501", path: "" },
    ],
    [
      `https://${KEY}:legacysecret@sentry.example.com:9000/sentry/7`,
      { origin: "https://sentry.example.com:9000", publicKey: KEY, projectId: "7", path: "/sentry" },
    ],
  ])("reads %s", (dsn, parsed) => {
    expect(parseSentryDsn(dsn)).toEqual(parsed);
  });

  it.each([
    "",
    "not a dsn",
    "https://o1.ingest.sentry.io/4501",
    `https://${KEY}@o1.ingest.sentry.io/`,
    `https://${KEY}@o1.ingest.sentry.io/abc`,
    `ftp://${KEY}@host/1`,
  ])("refuses %j", (dsn) => {
    expect(parseSentryDsn(dsn)).toBeNull();
  });

  it("posts to the project's envelope endpoint", () => {
    expect(serviceUrlFor(sentry(`https://${KEY}@o1.ingest.sentry.io/4501`))).toBe(
      "https://o1.ingest.sentry.io/api/4501/envelope/",
    );
    expect(serviceUrlFor(sentry(`https://${KEY}@sentry.example.com/sentry/7`))).toBe(
      "https://sentry.example.com/sentry/api/7/envelope/",
    );
  });
});

describe("Sentry sender", () => {
  it("sends an envelope of one event with the DSN's key", async () => {
    receiver.respondWith({ status: 200, body: { id: sentryEventId("msg-7") } });
    const outcome = await send(sentry(), deliveryEvent({ severity: "critical" }));
    expect(outcome).toMatchObject({ kind: "success", httpStatus: 200, requestId: sentryEventId("msg-7") });

    const request = await receiver.waitFor();
    expect([request.method, request.path]).toEqual(["POST", "/api/42/envelope/"]);
    expect(request.headers["content-type"]).toBe("application/x-sentry-envelope");
    expect(request.headers["x-sentry-auth"]).toBe(
      `Sentry sentry_version=7, sentry_key=${KEY}, sentry_client=agent-observability/1.0`,
    );

    const [headerLine, itemHeaderLine, eventLine, ...rest] = request.body.split("\n");
    expect(rest).toEqual([]);
    const header = JSON.parse(headerLine!);
    expect(header).toEqual({
      event_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      sent_at: attemptAt.toISOString(),
      dsn: sentry().secrets.dsn,
    });
    expect(JSON.parse(itemHeaderLine!)).toMatchObject({ type: "event", length: Buffer.byteLength(eventLine!) });
    expect(JSON.parse(eventLine!)).toMatchObject({
      event_id: header.event_id,
      timestamp: "2026-03-01T12:00:00.000Z",
      level: "fatal",
      environment: "production",
      message: { formatted: "Alert triggered: Error rate above 5%" },
      tags: { event_type: "alert.triggered", workspace: "Acme Agents", severity: "critical" },
      fingerprint: ["agent-observability", "alert-42"],
      extra: { payload: { alertId: "alert-42", title: "Error rate above 5%" } },
    });
  });

  it("keeps the event id across retries, so Sentry drops a duplicate", () => {
    expect(sentryEventId("msg-7")).toBe(sentryEventId("msg-7"));
    expect(sentryEventId("msg-7")).not.toBe(sentryEventId("msg-8"));
  });

  it("keeps the event under 1 MB by cutting the payload", async () => {
    await send(sentry(), deliveryEvent({ payload: { alertId: "a", title: "t", blob: "x".repeat(2_000_000) } }));
    const eventLine = (await receiver.waitFor()).body.split("\n")[2]!;
    expect(Buffer.byteLength(eventLine)).toBeLessThanOrEqual(MAX_SENTRY_EVENT_BYTES);
    expect(JSON.parse(eventLine).extra.payload).toEqual({ truncated: true });
  });

  it("reads 429 as retryable, after X-Sentry-Rate-Limits or Retry-After", async () => {
    receiver.respondWith(
      { status: 429, headers: { "x-sentry-rate-limits": "60:transaction:key, 120:error;default:organization" } },
      { times: 1 },
    );
    expect(await send()).toMatchObject({ kind: "retryable", httpStatus: 429, retryAfterSeconds: 120 });
    receiver.respondWith({ status: 429, headers: { "retry-after": "33" } }, { times: 1 });
    expect(await send()).toMatchObject({ kind: "retryable", retryAfterSeconds: 33 });
    expect(sentryRateLimitSeconds("2700::project")).toBe(2700);
    expect(sentryRateLimitSeconds("60:transaction:key")).toBeNull();
  });

  it("reads 401 and 403 as permanent with a hint to check the DSN; 400 and 413 permanent; 5xx retryable", async () => {
    for (const status of [401, 403]) {
      receiver.respondWith({ status, body: { detail: "invalid api key" } }, { times: 1 });
      const outcome = await send();
      expect(outcome).toMatchObject({ kind: "permanent", httpStatus: status });
      expect(outcome.fixHint).toMatch(/Check the DSN/);
    }
    for (const status of [400, 413]) {
      receiver.respondWith({ status }, { times: 1 });
      expect(await send()).toMatchObject({ kind: "permanent", httpStatus: status });
    }
    receiver.respondWith({ status: 503 }, { times: 1 });
    expect(await send()).toMatchObject({ kind: "retryable", httpStatus: 503 });
  });

  it("fails permanently, sending nothing, when the DSN does not parse", async () => {
    const outcome = await send(sentry("https://nokey.example.com/1"));
    expect(outcome).toMatchObject({ kind: "permanent", httpStatus: null, error: "The Sentry DSN is not valid" });
    expect(receiver.requests).toHaveLength(0);
  });
});
