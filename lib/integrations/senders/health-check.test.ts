import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryTarget } from "../../testing/delivery-fixtures";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import { sendHttp } from "../network/http-transport";
import { healthCheckFor, type HealthCheck } from "./sender-registry";

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(() => receiver.stop());
beforeEach(() => receiver.reset());

async function run(check: HealthCheck) {
  if ("skipped" in check) throw new Error(`skipped: ${check.skipped}`);
  return check.judge(await sendHttp(check.request, { allowPrivateNetworks: true }));
}

const slack = () =>
  deliveryTarget(
    "slack",
    { channel: "#ops", mention_on_critical: false },
    { webhook_url: receiver.url("/services/T/B/x") },
  );
const datadog = () => deliveryTarget("datadog", { site: "US5" }, { api_key: "dd-key-1" });

describe("healthCheckFor", () => {
  it("Slack: posts an empty message, which Slack refuses with 400 when the webhook exists", async () => {
    receiver.respondWith({ status: 400, body: "no_text" });
    expect(await run(healthCheckFor(slack()))).toEqual({
      healthy: true,
      detail: "The webhook exists (Slack answered 400 no_text to an empty test message)",
    });
    const request = await receiver.waitFor();
    expect([request.method, request.path, request.body]).toEqual(["POST", "/services/T/B/x", "{}"]);
  });

  it.each([
    [404, "no_service"],
    [410, "channel_is_archived"],
    [403, "invalid_token"],
  ])("Slack: %i %s is unhealthy, with the fix", async (status, body) => {
    receiver.respondWith({ status, body });
    const verdict = await run(healthCheckFor(slack()));
    expect(verdict.healthy).toBe(false);
    expect(verdict.detail).toContain(`Slack answered ${status} ${body}: the webhook is gone.`);
    expect(verdict.detail).toContain("Create a new incoming webhook in Slack");
  });

  it("Datadog: validates the key on the site's API", async () => {
    const check = healthCheckFor(datadog());
    expect("request" in check && check.request.url).toBe("https://api.us5.datadoghq.com/api/v1/validate");

    receiver.respondWith({ status: 200, body: { valid: true } }, { times: 1 });
    expect(await run(healthCheckFor(datadog(), { serviceOrigin: receiver.origin }))).toEqual({
      healthy: true,
      detail: "Datadog accepted the API key (site US5)",
    });
    const request = await receiver.waitFor();
    expect([request.method, request.path, request.headers["dd-api-key"]]).toEqual([
      "GET",
      "/api/v1/validate",
      "dd-key-1",
    ]);

    receiver.respondWith({ status: 403, body: { errors: ["Forbidden"] } }, { times: 1 });
    const refused = await run(healthCheckFor(datadog(), { serviceOrigin: receiver.origin }));
    expect(refused).toEqual({ healthy: false, detail: expect.stringContaining("The API key is invalid for site US5") });
  });

  it("reports a network failure as unhealthy", async () => {
    receiver.respondWith({ hang: true });
    const check = healthCheckFor(slack());
    if ("skipped" in check) throw new Error("expected a check");
    const verdict = check.judge(await sendHttp(check.request, { allowPrivateNetworks: true, timeoutMs: 200 }));
    expect(verdict).toEqual({ healthy: false, detail: "No answer from 127.0.0.1 within 0.2 s" });
  });

  it("skips the services that have no free request, saying why", () => {
    const skipped = [
      healthCheckFor(
        deliveryTarget(
          "pagerduty",
          { severity_mapping: { info: "info", warning: "warning", error: "error", critical: "critical" } },
          { routing_key: "k" },
        ),
      ),
      healthCheckFor(deliveryTarget("sentry", { environment: "prod" }, { dsn: "https://k@o1.ingest.sentry.io/1" })),
      healthCheckFor(deliveryTarget("webhook", { url: "https://hooks.example.com" }, { signing_secret: "whsec_AAAA" })),
      healthCheckFor(
        deliveryTarget(
          "custom",
          { url: "https://x.example.com", method: "POST", header_names: [], body_template: "{}" },
          { headers: {} },
        ),
      ),
    ];
    expect(skipped).toEqual([
      { skipped: "PagerDuty has no request that costs nothing; checked by deliveries only" },
      { skipped: "Sentry has no request that costs nothing; checked by deliveries only" },
      { skipped: expect.stringContaining("send a test event") },
      { skipped: expect.stringContaining("send a test event") },
    ]);
  });
});
