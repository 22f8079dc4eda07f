// The test run's Stripe is the fake that Vitest's global setup started, with the plans' catalog in it:
// getStripe() reaches it and the price catalog resolves every plan.
import { describe, expect, it } from "vitest";
import { PLANS } from "../billing/plans";
import { env } from "../env";
import { loadPriceCatalog, planOfPrice } from "./price-catalog";
import { getStripe } from "./stripe-client";
import { isLoopbackHost } from "./stripe-settings";

describe.runIf(env.STRIPE_API_BASE)("getStripe() in the tests", () => {
  it("talks to the fake on loopback with a test key", async () => {
    expect(isLoopbackHost(new URL(env.STRIPE_API_BASE!).hostname)).toBe(true);
    expect(env.STRIPE_SECRET_KEY).toMatch(/^sk_test_/);
    const customer = await getStripe().customers.create({ email: "reach@test.example" });
    expect(customer.id).toMatch(/^cus_/);
    // The fake's own control answers for the same server.
    const control = await fetch(`${env.STRIPE_API_BASE}/_fake/meter_events?identifier_prefix=none`);
    expect(await control.json()).toEqual({ data: [] });
  });

  it("the catalog the global setup created resolves", async () => {
    const catalog = await loadPriceCatalog(getStripe());
    const starter = catalog.plans.starter!;
    expect(starter.monthly.lookup_key).toBe(PLANS.starter.stripe!.monthlyLookupKey);
    expect(starter.monthly.unit_amount).toBe(4900);
    expect(planOfPrice(catalog.plans.professional!.overage)).toBe("professional");
  });
});
