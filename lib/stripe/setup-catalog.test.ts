// `npm run stripe:setup` against a fake Stripe of this file's own (an empty account): the first run
// creates the meter, products and prices; the second creates nothing; the price catalog then resolves.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLANS, TRACES_METER } from "../billing/plans";
import { startFakeStripe, type FakeStripe } from "../testing/fake-stripe";
import { loadPriceCatalog, MissingStripePricesError, planOfPrice } from "./price-catalog";
import { overageCentsPerTrace, setupStripeCatalog } from "./setup-catalog";
import { createStripeClient } from "./stripe-client";

let fake: FakeStripe;
let stripe: Stripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = createStripeClient(fake.secretKey, new URL(fake.url));
});
afterAll(async () => {
  await fake?.stop();
});

describe("setupStripeCatalog", () => {
  it("overage per trace in cents", () => {
    expect(overageCentsPerTrace(0.5)).toBe("0.05");
    expect(overageCentsPerTrace(0.3)).toBe("0.03");
    expect(overageCentsPerTrace(1.25)).toBe("0.125");
  });

  it("an empty account has no catalog: the error names the lookup keys and the command", async () => {
    const error = (await loadPriceCatalog(stripe).catch((e: unknown) => e)) as MissingStripePricesError;
    expect(error).toBeInstanceOf(MissingStripePricesError);
    expect(error.lookupKeys).toEqual([
      "starter_monthly",
      "starter_overage",
      "professional_monthly",
      "professional_overage",
    ]);
    expect(error.message).toContain("npm run stripe:setup");
  });

  it("creates what is missing, then nothing; the catalog resolves", async () => {
    const first = await setupStripeCatalog(stripe);
    expect(first.existing).toEqual([]);
    expect(first.created.map((line) => line.split(" (")[0])).toEqual([
      `meter ${TRACES_METER.eventName}`,
      "product Starter",
      "price starter_monthly",
      "price starter_overage",
      "product Professional",
      "price professional_monthly",
      "price professional_overage",
    ]);

    const second = await setupStripeCatalog(stripe);
    expect(second.created).toEqual([]);
    expect(second.existing.map((line) => line.split(" (")[0])).toEqual([
      `meter ${TRACES_METER.eventName}`,
      "product Starter",
      "price starter_monthly",
      "price starter_overage",
      "product Professional",
      "price professional_monthly",
      "price professional_overage",
    ]);

    const catalog = await loadPriceCatalog(stripe);
    const starter = catalog.plans.starter!;
    expect(starter.monthly).toMatchObject({
      unit_amount: 4900,
      currency: "usd",
      recurring: { interval: "month", usage_type: "licensed" },
    });
    expect(String(starter.overage.unit_amount_decimal)).toBe("0.05");
    expect(starter.overage.recurring).toMatchObject({ usage_type: "metered", interval: "month" });
    expect((starter.overage.product as Stripe.Product).name).toBe("Starter");
    expect(catalog.plans.professional!.monthly.unit_amount).toBe(PLANS.professional.priceMonthly! * 100);
    const meters = await stripe.billing.meters.list();
    expect(meters.data.map((meter) => meter.event_name)).toEqual([TRACES_METER.eventName]);
    expect(starter.overage.recurring!.meter).toBe(meters.data[0]!.id);

    // A price that gave its key to a newer one keeps its plan by id; unknown prices have none.
    expect(planOfPrice({ id: starter.monthly.id, lookup_key: null }, catalog)).toBe("starter");
    expect(planOfPrice({ id: "price_other", lookup_key: "other" }, catalog)).toBeNull();
    expect(planOfPrice({ id: "price_x", lookup_key: "professional_overage" }, catalog)).toBe("professional");
  });
});
