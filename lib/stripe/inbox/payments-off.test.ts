// A server without Stripe keys: the webhook says which variables enable payments (503), and so do
// the owner's actions; the Billing tab shows the same sentence (lib/stripe/stripe-settings.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stripeEvent, webhookRequest } from "../../testing/stripe-fixtures";

describe("without STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET", () => {
  let route: typeof import("../../../app/api/webhooks/stripe/route");
  beforeAll(async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", "");
    vi.resetModules();
    route = await import("../../../app/api/webhooks/stripe/route");
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("the webhook answers 503 naming both variables, and reads nothing", async () => {
    const response = await route.POST(webhookRequest(stripeEvent("invoice.paid", { id: "in_x", object: "invoice" })));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("service_unavailable");
    expect(body.error.message).toBe(
      "Payments are not set up on this server: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to enable plan changes, Checkout and Stripe webhooks.",
    );
  });

  it("the settings name only what is missing", async () => {
    const { missingStripeVariables, paymentsOffMessage } = await import("../stripe-settings");
    const environment = {
      nodeEnv: "production",
      secretKey: "sk_test_abc",
      webhookSecret: undefined,
      apiBase: undefined,
    };
    expect(missingStripeVariables(environment)).toEqual(["STRIPE_WEBHOOK_SECRET"]);
    expect(paymentsOffMessage(["STRIPE_WEBHOOK_SECRET"])).toMatch(
      /^Payments are not set up on this server: set STRIPE_WEBHOOK_SECRET to/,
    );
  });
});
