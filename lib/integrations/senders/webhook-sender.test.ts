import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryEvent, deliveryTarget, TEST_WORKSPACE_ID } from "../../testing/delivery-fixtures";
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest } from "../../testing/http-receiver";
import type { IntegrationSecrets } from "../integration-types";
import { sendToIntegration } from "./sender-registry";
import { generateSigningSecret, MAX_WEBHOOK_BODY_BYTES, signStandardWebhook } from "./webhook-sender";

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(() => receiver.stop());
beforeEach(() => receiver.reset());

const HOUR = 3600_000;
const secret = generateSigningSecret();
const webhook = (secrets: Partial<IntegrationSecrets["webhook"]> = {}) =>
  deliveryTarget("webhook", { url: receiver.url("/hooks/agent") }, { signing_secret: secret, ...secrets });
const send = (target = webhook(), messageId = "msg_2f1c", attemptAt = new Date(), event = deliveryEvent()) =>
  sendToIntegration(target, event, { messageId, attemptAt, allowPrivateNetworks: true });

/** What a receiver does with the library: throws when the signature or timestamp does not hold. */
const verify = (key: string, request: ReceivedRequest, body = request.body, headers = request.headers) =>
  new Webhook(key).verify(body, headers);

describe("generateSigningSecret and signStandardWebhook", () => {
  it("makes whsec_ secrets of 32 random bytes", () => {
    const made = generateSigningSecret();
    expect(made).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(made.slice(6), "base64")).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(made);
  });

  it("signs as the Standard Webhooks library does", () => {
    const at = new Date("2026-03-01T12:00:00Z");
    const body = '{"type":"alert.triggered"}';
    expect(signStandardWebhook(secret, "msg_1", at.getTime() / 1000, body)).toBe(
      new Webhook(secret).sign("msg_1", at, body),
    );
    // The example from the specification's reference tests.
    expect(
      signStandardWebhook(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });
});

describe("Webhook sender (Standard Webhooks)", () => {
  it("posts the event, signed so that the library verifies it", async () => {
    const attemptAt = new Date();
    expect(await send(webhook(), "msg_2f1c", attemptAt)).toMatchObject({ kind: "success", httpStatus: 200 });
    const request = await receiver.waitFor();
    expect([request.method, request.path, request.headers["content-type"]]).toEqual([
      "POST",
      "/hooks/agent",
      "application/json",
    ]);
    expect(request.headers["webhook-id"]).toBe("msg_2f1c");
    expect(request.headers["webhook-timestamp"]).toBe(String(Math.floor(attemptAt.getTime() / 1000)));
    expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

    expect(verify(secret, request)).toEqual({
      type: "alert.triggered",
      timestamp: "2026-03-01T12:00:00.000Z",
      data: {
        id: "30000000-0000-4000-8000-000000000001",
        workspace_id: TEST_WORKSPACE_ID,
        severity: "error",
        alertId: "alert-42",
        title: "Error rate above 5%",
        details: "checkout-agent: 7.2% of runs failed",
      },
    });
  });

  it("fails verification when the body, the timestamp or the id is tampered with, or with another secret", async () => {
    await send();
    const request = await receiver.waitFor();
    expect(() => verify(secret, request, request.body.replace("5%", "6%"))).toThrow(WebhookVerificationError);
    const later = String(Number(request.headers["webhook-timestamp"]) + 1);
    expect(() => verify(secret, request, request.body, { ...request.headers, "webhook-timestamp": later })).toThrow(
      WebhookVerificationError,
    );
    expect(() => verify(secret, request, request.body, { ...request.headers, "webhook-id": "msg_other" })).toThrow(
      WebhookVerificationError,
    );
    expect(() => verify(generateSigningSecret(), request)).toThrow(WebhookVerificationError);
  });

  it("signs with both secrets during a rotation's overlap, and only the new one after it", async () => {
    const previous = generateSigningSecret();
    const attemptAt = new Date();
    const rotating = (expiresAt: Date) =>
      webhook({ previous_signing_secret: previous, previous_expires_at: expiresAt.toISOString() });

    await send(rotating(new Date(attemptAt.getTime() + 23 * HOUR)), "msg_a", attemptAt);
    const during = await receiver.waitFor((r) => r.headers["webhook-id"] === "msg_a");
    const signatures = during.headers["webhook-signature"]!.split(" ");
    expect(signatures).toHaveLength(2);
    expect(verify(secret, during)).toBeTruthy();
    expect(verify(previous, during)).toBeTruthy();
    // Each signature stands on its own: the first is the new secret's, the second the previous one's.
    expect(
      verify(secret, during, during.body, { ...during.headers, "webhook-signature": signatures[0]! }),
    ).toBeTruthy();
    expect(
      verify(previous, during, during.body, { ...during.headers, "webhook-signature": signatures[1]! }),
    ).toBeTruthy();

    await send(rotating(new Date(attemptAt.getTime() - 1000)), "msg_b", attemptAt);
    const after = await receiver.waitFor((r) => r.headers["webhook-id"] === "msg_b");
    expect(after.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(verify(secret, after)).toBeTruthy();
    expect(() => verify(previous, after)).toThrow(WebhookVerificationError);
  });

  it("keeps the webhook-id of a delivery across retries", async () => {
    await send(webhook(), "msg_same", new Date(Date.now() - 60_000));
    await send(webhook(), "msg_same", new Date());
    const [first, second] = receiver.requests;
    expect(first!.headers["webhook-id"]).toBe("msg_same");
    expect(second!.headers["webhook-id"]).toBe("msg_same");
    expect(first!.headers["webhook-timestamp"]).not.toBe(second!.headers["webhook-timestamp"]);
    expect(verify(secret, first!)).toEqual(verify(secret, second!));
  });

  it("keeps the body under 20 KB: a huge payload gives way to truncated: true, the ids stay", async () => {
    const huge = deliveryEvent({ payload: { alertId: "a", title: "big", details: "x".repeat(50_000) } });
    await send(webhook(), "msg_big", new Date(), huge);
    const request = await receiver.waitFor();
    expect(request.rawBody.length).toBeLessThanOrEqual(MAX_WEBHOOK_BODY_BYTES);
    expect(verify(secret, request)).toEqual({
      type: "alert.triggered",
      timestamp: "2026-03-01T12:00:00.000Z",
      data: { id: huge.id, workspace_id: TEST_WORKSPACE_ID, severity: "error", truncated: true },
    });
  });

  it("reads 2xx as success, 410 as gone, redirects, 429, 4xx and 5xx as retryable", async () => {
    receiver.respondWith({ status: 204 }, { times: 1 });
    expect(await send()).toMatchObject({ kind: "success", httpStatus: 204 });
    receiver.respondWith({ status: 410 }, { times: 1 });
    const gone = await send();
    expect(gone).toMatchObject({
      kind: "gone",
      error: "The receiver answered 410 Gone: it no longer accepts these events",
    });
    expect(gone.fixHint).toMatch(/Update the URL/);
    for (const status of [400, 401, 404, 429, 500, 503]) {
      receiver.respondWith({ status }, { times: 1 });
      expect(await send()).toMatchObject({ kind: "retryable", httpStatus: status });
    }
  });

  it("refuses to send with a secret that is not whsec_ base64, as a permanent failure", async () => {
    const outcome = await send(webhook({ signing_secret: "whsec_not base64!" }));
    expect(outcome).toMatchObject({ kind: "permanent", httpStatus: null, error: "The signing secret is not valid" });
    expect(outcome.fixHint).toMatch(/Rotate the signing secret/);
    expect(receiver.requests).toHaveLength(0);
  });
});
