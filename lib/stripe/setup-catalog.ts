import Stripe from "stripe";
import { PLANS, TRACES_METER, type Plan, type PlanType } from "../billing/plans";

/** What `npm run stripe:setup` found and made, one line each. */
export interface SetupCatalogReport {
  created: string[];
  existing: string[];
}

/** Plans sold through Checkout (with lookup keys). */
export function paidPlans(): (Plan & { stripe: NonNullable<Plan["stripe"]>; priceMonthly: number })[] {
  return Object.values(PLANS).filter(
    (plan): plan is Plan & { stripe: NonNullable<Plan["stripe"]>; priceMonthly: number } =>
      plan.stripe !== null && plan.priceMonthly !== null,
  );
}

/** Cents per trace as Stripe's decimal string: USD per 1,000 traces × 100 / 1,000 (0.5 → "0.05"). */
export function overageCentsPerTrace(overagePer1k: number): string {
  return String(Number(((overagePer1k * 100) / 1000).toFixed(12)));
}

async function findOrCreateMeter(stripe: Stripe, report: SetupCatalogReport): Promise<Stripe.Billing.Meter> {
  for await (const meter of stripe.billing.meters.list({ status: "active", limit: 100 })) {
    if (meter.event_name === TRACES_METER.eventName) {
      report.existing.push(`meter ${meter.event_name} (${meter.id})`);
      return meter;
    }
  }
  const meter = await stripe.billing.meters.create({
    display_name: TRACES_METER.displayName,
    event_name: TRACES_METER.eventName,
    default_aggregation: { formula: "sum" },
    customer_mapping: { event_payload_key: "stripe_customer_id", type: "by_id" },
    value_settings: { event_payload_key: TRACES_METER.valueKey },
  });
  report.created.push(`meter ${meter.event_name} (${meter.id})`);
  return meter;
}

async function findOrCreateProduct(
  stripe: Stripe,
  plan: Plan,
  prices: Stripe.Price[],
  report: SetupCatalogReport,
): Promise<string> {
  const fromPrice = prices.find((price) => price.metadata.plan === plan.type)?.product;
  if (fromPrice) {
    const id = typeof fromPrice === "string" ? fromPrice : fromPrice.id;
    report.existing.push(`product ${plan.name} (${id})`);
    return id;
  }
  for await (const product of stripe.products.list({ active: true, limit: 100 })) {
    if (product.metadata.plan === plan.type) {
      report.existing.push(`product ${product.name} (${product.id})`);
      return product.id;
    }
  }
  const product = await stripe.products.create({ name: plan.name, metadata: { plan: plan.type } });
  report.created.push(`product ${product.name} (${product.id})`);
  return product.id;
}

/**
 * Makes the account's catalog match PLANS, idempotently by lookup key: the traces meter (found by
 * event name), a product per paid plan, its monthly price and its metered overage price. Creates only
 * what is missing; an existing lookup key is left alone (change a price by creating a new one with
 * `transfer_lookup_key`). See docs/decisions/012-stripe-prices-overage-and-test-server.md.
 */
export async function setupStripeCatalog(stripe: Stripe): Promise<SetupCatalogReport> {
  const report: SetupCatalogReport = { created: [], existing: [] };
  const meter = await findOrCreateMeter(stripe, report);
  const plans = paidPlans();
  const lookupKeys = plans.flatMap((plan) => [plan.stripe.monthlyLookupKey, plan.stripe.overageLookupKey]);
  const existing = (await stripe.prices.list({ lookup_keys: lookupKeys, active: true, limit: 100 })).data;
  const byKey = new Map(existing.map((price) => [price.lookup_key, price]));

  for (const plan of plans) {
    const product = await findOrCreateProduct(stripe, plan, existing, report);
    const wanted: [key: string, params: Stripe.PriceCreateParams][] = [
      [
        plan.stripe.monthlyLookupKey,
        {
          currency: "usd",
          unit_amount: Math.round(plan.priceMonthly * 100),
          recurring: { interval: "month", usage_type: "licensed" },
          product,
          nickname: `${plan.name} monthly`,
          metadata: { plan: plan.type, kind: "monthly" },
        },
      ],
    ];
    if (plan.overagePer1k !== null) {
      wanted.push([
        plan.stripe.overageLookupKey,
        {
          currency: "usd",
          unit_amount_decimal: Stripe.Decimal.from(overageCentsPerTrace(plan.overagePer1k)),
          recurring: { interval: "month", usage_type: "metered", meter: meter.id },
          product,
          nickname: `${plan.name} overage per trace`,
          metadata: { plan: plan.type, kind: "overage" },
        },
      ]);
    }
    for (const [lookupKey, params] of wanted) {
      const found = byKey.get(lookupKey);
      if (found) {
        report.existing.push(`price ${lookupKey} (${found.id})`);
        continue;
      }
      // transfer_lookup_key: an archived price that still holds the key gives it up.
      const price = await stripe.prices.create({ ...params, lookup_key: lookupKey, transfer_lookup_key: true });
      report.created.push(`price ${lookupKey} (${price.id})`);
    }
  }
  return report;
}

export type { PlanType };
