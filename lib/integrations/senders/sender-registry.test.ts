import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryEvent, deliveryTarget } from "../../testing/delivery-fixtures";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import type { Resolver } from "../network/resolver";
import { sendToIntegration } from "./sender-registry";
import { generateSigningSecret } from "./webhook-sender";

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(() => receiver.stop());
beforeEach(() => receiver.reset());

const webhook = (path = "/hook?token=hush") =>
  deliveryTarget("webhook", { url: receiver.url(path) }, { signing_secret: generateSigningSecret() });
const slack = () =>
  deliveryTarget(
    "slack",
    { channel: "#ops", mention_on_critical: false },
    { webhook_url: receiver.url("/services/T/B/tok3n") },
  );
const attemptAt = new Date("2026-03-01T12:00:00Z");
const options = { messageId: "msg-1", attemptAt, allowPrivateNetworks: true };

describe("sendToIntegration outcomes", () => {
  it("reads a 500 as retryable, with status, latency, excerpt and the receiver's request id", async () => {
    receiver.respondWith({ status: 500, headers: { "x-request-id": "req-77" }, body: "upstream exploded" });
    const outcome = await sendToIntegration(webhook(), deliveryEvent(), options);
    expect(outcome).toEqual({
      kind: "retryable",
      httpStatus: 500,
      latencyMs: expect.any(Number),
      error: "The receiver answered 500",
      responseExcerpt: "upstream exploded",
      retryAfterSeconds: null,
      requestId: "req-77",
      fixHint: null,
    });
  });

  it("reads Retry-After on a 429 in seconds or as an HTTP-date (from the attempt's time)", async () => {
    receiver.respondWith({ status: 429, headers: { "retry-after": "45" } }, { times: 1 });
    expect(await sendToIntegration(webhook(), deliveryEvent(), options)).toMatchObject({
      kind: "retryable",
      retryAfterSeconds: 45,
    });
    receiver.respondWith({ status: 429, headers: { "retry-after": "Sun, 01 Mar 2026 12:02:00 GMT" } }, { times: 1 });
    expect(await sendToIntegration(webhook(), deliveryEvent(), options)).toMatchObject({
      kind: "retryable",
      retryAfterSeconds: 120,
    });
  });

  it("does not follow a redirect: one request, retryable, naming the new host only", async () => {
    receiver.respondWith({ status: 301, headers: { location: "https://new-hooks.example.com/v2/hook?token=hush" } });
    const outcome = await sendToIntegration(webhook(), deliveryEvent(), options);
    expect(outcome).toMatchObject({
      kind: "retryable",
      httpStatus: 301,
      error: "The receiver answered 301: redirect to new-hooks.example.com not followed; update the URL",
    });
    expect(receiver.requests).toHaveLength(1);
  });

  it("reads 410 as gone, and Slack's 404 as gone", async () => {
    receiver.respondWith({ status: 410 }, { path: "/hook" });
    expect(await sendToIntegration(webhook(), deliveryEvent(), options)).toMatchObject({
      kind: "gone",
      httpStatus: 410,
    });
    receiver.respondWith({ status: 404, body: "no_service" }, { path: "/services/T/B/tok3n" });
    const outcome = await sendToIntegration(slack(), deliveryEvent(), options);
    expect(outcome).toMatchObject({ kind: "gone", httpStatus: 404, error: "Slack answered 404: no_service" });
    expect(outcome.fixHint).toBe("Create a new incoming webhook in Slack and paste its URL");
  });

  it("times out on a receiver that never answers: retryable, no status", async () => {
    receiver.respondWith({ hang: true });
    const outcome = await sendToIntegration(webhook(), deliveryEvent(), { ...options, timeoutMs: 500 });
    expect(outcome).toMatchObject({
      kind: "retryable",
      httpStatus: null,
      error: "No answer from 127.0.0.1 within 0.5 s",
    });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(490);
  });

  it("reads a refused address as permanent with a hint, a refused connection as retryable", async () => {
    const refused = await sendToIntegration(webhook(), deliveryEvent(), { ...options, allowPrivateNetworks: false });
    expect(refused).toMatchObject({
      kind: "permanent",
      httpStatus: null,
      error: "127.0.0.1 is a loopback address; integrations may only reach public addresses",
    });
    expect(refused.fixHint).toMatch(/public address/);

    const rebinding: Resolver = async () => ["10.0.0.8"];
    const target = deliveryTarget(
      "webhook",
      { url: "https://hooks.example.com/x" },
      { signing_secret: generateSigningSecret() },
    );
    expect(
      await sendToIntegration(target, deliveryEvent(), { ...options, allowPrivateNetworks: false, resolve: rebinding }),
    ).toMatchObject({
      kind: "permanent",
      error:
        "hooks.example.com resolves to 10.0.0.8, a private network (10.0.0.0/8) address; integrations may only reach public addresses",
    });
    expect(receiver.requests).toHaveLength(0);

    const closed = await startHttpReceiver();
    const url = closed.url("/x");
    await closed.stop();
    const down = deliveryTarget("webhook", { url }, { signing_secret: generateSigningSecret() });
    expect(await sendToIntegration(down, deliveryEvent(), options)).toMatchObject({
      kind: "retryable",
      httpStatus: null,
      error: "127.0.0.1 refused the connection",
    });
  });

  it("never puts the URL's path, query or a secret header in an error", async () => {
    const outcomes = [];
    receiver.respondWith({ status: 302, headers: { location: "/services/T/B/tok3n-next?token=hush" } }, { times: 1 });
    outcomes.push(await sendToIntegration(slack(), deliveryEvent(), options));
    receiver.respondWith({ hang: true }, { times: 1 });
    outcomes.push(await sendToIntegration(slack(), deliveryEvent(), { ...options, timeoutMs: 200 }));
    outcomes.push(await sendToIntegration(slack(), deliveryEvent(), { ...options, allowPrivateNetworks: false }));
    for (const outcome of outcomes) {
      expect(outcome.error).toBeTruthy();
      expect(outcome.error).not.toMatch(/tok3n|hush|services/);
    }
  });
});
