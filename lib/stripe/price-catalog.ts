import type Stripe from "stripe";
import { PLANS, type PlanType } from "../billing/plans";
import { getStripe } from "./stripe-client";

/** A paid plan's two prices in Stripe. */
export interface PlanPrices {
  monthly: Stripe.Price;
  overage: Stripe.Price;
}

export interface PriceCatalog {
  /** Paid plans only (those with lookup keys in PLANS). */
  plans: Partial<Record<PlanType, PlanPrices>>;
  /** Price id → plan, for prices that have lost their lookup key since. */
  planByPriceId: Map<string, PlanType>;
}

/** The account lacks prices PLANS names (`npm run stripe:setup` creates them). */
export class MissingStripePricesError extends Error {
  constructor(readonly lookupKeys: string[]) {
    super(
      `Stripe has no active price with the lookup key${lookupKeys.length > 1 ? "s" : ""} ${lookupKeys.join(", ")}: run \`npm run stripe:setup\` with this STRIPE_SECRET_KEY.`,
    );
    this.name = "MissingStripePricesError";
  }
}

/** lookup key → [plan, which price]. */
const LOOKUP_KEYS = new Map<string, [PlanType, keyof PlanPrices]>(
  Object.values(PLANS).flatMap((plan) =>
    plan.stripe
      ? [
          [plan.stripe.monthlyLookupKey, [plan.type, "monthly"]] as const,
          [plan.stripe.overageLookupKey, [plan.type, "overage"]] as const,
        ]
      : [],
  ),
);

/** Every plan's prices by lookup key, in one call. Throws MissingStripePricesError naming the missing keys. */
export async function loadPriceCatalog(stripe: Stripe): Promise<PriceCatalog> {
  const keys = [...LOOKUP_KEYS.keys()];
  const { data } = await stripe.prices.list({ lookup_keys: keys, active: true, expand: ["data.product"], limit: 100 });
  const plans: Partial<Record<PlanType, Partial<PlanPrices>>> = {};
  const planByPriceId = new Map<string, PlanType>();
  for (const price of data) {
    const entry = price.lookup_key ? LOOKUP_KEYS.get(price.lookup_key) : undefined;
    if (!entry) continue;
    const [plan, which] = entry;
    (plans[plan] ??= {})[which] = price;
    planByPriceId.set(price.id, plan);
  }
  const missing = keys.filter((key) => {
    const [plan, which] = LOOKUP_KEYS.get(key)!;
    return !plans[plan]?.[which];
  });
  if (missing.length > 0) throw new MissingStripePricesError(missing);
  return { plans: plans as Partial<Record<PlanType, PlanPrices>>, planByPriceId };
}

let pending: Promise<PriceCatalog> | undefined;
let loaded: PriceCatalog | undefined;

/** The catalog, loaded once per process (a failed load is retried on the next call). */
export function priceCatalog(stripe: Stripe = getStripe()): Promise<PriceCatalog> {
  pending ??= loadPriceCatalog(stripe).then(
    (catalog) => (loaded = catalog),
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}

/** Loads the catalog again (after `npm run stripe:setup` or a price change in the Dashboard). */
export function refreshPriceCatalog(stripe: Stripe = getStripe()): Promise<PriceCatalog> {
  pending = undefined;
  return priceCatalog(stripe);
}

/** A plan's monthly and overage prices. */
export async function pricesOfPlan(plan: PlanType, stripe?: Stripe): Promise<PlanPrices> {
  const prices = (await priceCatalog(stripe)).plans[plan];
  if (!prices) throw new Error(`The ${plan} plan is not sold through Stripe.`);
  return prices;
}

/**
 * Our plan for a Stripe price: by its lookup key, else by its id in the loaded catalog (a price that
 * gave its key to a newer one keeps its plan). Null for prices that are not ours.
 */
export function planOfPrice(
  price: Pick<Stripe.Price, "id" | "lookup_key"> | string,
  catalog = loaded,
): PlanType | null {
  if (typeof price !== "string" && price.lookup_key) {
    const entry = LOOKUP_KEYS.get(price.lookup_key);
    if (entry) return entry[0];
  }
  const id = typeof price === "string" ? price : price.id;
  return catalog?.planByPriceId.get(id) ?? null;
}
