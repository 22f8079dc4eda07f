import { newId } from "./ids";
import { invalidParam, missingParam } from "./stripe-error";
import type { Route } from "./route";
import { listOf } from "./route";
import type { FakeStripeState, StripeObject } from "./state";

export interface FakePrice extends StripeObject {
  object: "price";
  active: boolean;
  currency: string;
  lookup_key: string | null;
  product: string;
  recurring: { interval: string; interval_count: number; meter: string | null; usage_type: string } | null;
  unit_amount: number | null;
  unit_amount_decimal: string | null;
}

export interface FakeProduct extends StripeObject {
  object: "product";
  name: string;
  active: boolean;
}

function createProduct(state: FakeStripeState, name: string, metadata: Record<string, string>, id?: string) {
  return state.put<FakeProduct>({
    id: id || newId("prod_"),
    object: "product",
    active: true,
    created: state.now(),
    default_price: null,
    description: null,
    livemode: false,
    metadata,
    name,
    type: "service",
    updated: state.now(),
  });
}

export const priceRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/products$/,
    handle: ({ state, params }) =>
      createProduct(state, params.requiredString("name"), params.metadata() ?? {}, params.string("id")),
  },
  {
    method: "GET",
    pattern: /^\/v1\/products$/,
    handle: ({ state, params }) => {
      const active = params.boolean("active");
      const products = state
        .all<FakeProduct>("product")
        .filter((product) => active === undefined || product.active === active)
        .reverse();
      return listOf(products, params, "/v1/products");
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/products\/([^/]+)$/,
    handle: ({ state, path }) => state.get(path[0]!, "product", "product"),
  },
  {
    method: "POST",
    pattern: /^\/v1\/prices$/,
    handle: ({ state, params }) => {
      const currency = params.requiredString("currency").toLowerCase();
      const unitAmount = params.integer("unit_amount");
      const unitAmountDecimal = params.string("unit_amount_decimal");
      if (unitAmount === undefined && !unitAmountDecimal && params.string("custom_unit_amount") === undefined) {
        throw missingParam("unit_amount");
      }
      if (unitAmount !== undefined && unitAmountDecimal) {
        throw invalidParam(
          "unit_amount_decimal",
          "You may only specify one of these parameters: unit_amount, unit_amount_decimal.",
        );
      }
      if (unitAmountDecimal && !/^\d+(\.\d{1,12})?$/.test(unitAmountDecimal)) {
        throw invalidParam("unit_amount_decimal", `Invalid decimal: ${unitAmountDecimal}`);
      }
      let productId = params.string("product");
      if (productId) state.get(productId, "product", "product", "product");
      else {
        const productData = params.nested("product_data");
        if (!params.has("product_data")) throw missingParam("product");
        productId = createProduct(state, productData.requiredString("name"), productData.metadata() ?? {}).id;
      }
      let recurring: FakePrice["recurring"] = null;
      if (params.has("recurring")) {
        const given = params.nested("recurring");
        const interval = given.string("interval");
        if (!interval) throw missingParam("recurring[interval]");
        if (!["day", "week", "month", "year"].includes(interval))
          throw invalidParam("recurring[interval]", `Invalid interval: ${interval}`);
        const usageType = given.string("usage_type") ?? "licensed";
        const meter = given.string("meter") ?? null;
        if (usageType === "metered" && !meter) throw missingParam("recurring[meter]");
        if (meter) state.get(meter, "billing.meter", "billing meter", "recurring[meter]");
        recurring = {
          interval,
          interval_count: given.integer("interval_count") ?? 1,
          meter,
          usage_type: usageType,
          trial_period_days: null,
        } as FakePrice["recurring"];
      }
      const lookupKey = params.string("lookup_key") || null;
      if (lookupKey) {
        const holder = state.all<FakePrice>("price").find((price) => price.lookup_key === lookupKey);
        if (holder && params.boolean("transfer_lookup_key") !== true) {
          throw invalidParam(
            "lookup_key",
            `A price (\`${holder.id}\`) already uses that lookup key. Set transfer_lookup_key to move it.`,
          );
        }
        if (holder) holder.lookup_key = null;
      }
      return state.put<FakePrice>({
        id: newId("price_"),
        object: "price",
        active: params.boolean("active") ?? true,
        billing_scheme: "per_unit",
        created: state.now(),
        currency,
        custom_unit_amount: null,
        livemode: false,
        lookup_key: lookupKey,
        metadata: params.metadata() ?? {},
        nickname: params.string("nickname") || null,
        product: productId,
        recurring,
        tax_behavior: "unspecified",
        tiers_mode: null,
        transform_quantity: null,
        type: recurring ? "recurring" : "one_time",
        unit_amount:
          unitAmount ??
          (unitAmountDecimal && Number.isInteger(Number(unitAmountDecimal)) ? Number(unitAmountDecimal) : null),
        unit_amount_decimal: unitAmountDecimal ?? String(unitAmount),
      });
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/prices$/,
    handle: ({ state, params }) => {
      const lookupKeys = params.strings("lookup_keys");
      const active = params.boolean("active");
      const product = params.string("product");
      const prices = state
        .all<FakePrice>("price")
        .filter(
          (price) => lookupKeys.length === 0 || (price.lookup_key !== null && lookupKeys.includes(price.lookup_key)),
        )
        .filter((price) => active === undefined || price.active === active)
        .filter((price) => !product || price.product === product)
        .reverse();
      return listOf(prices, params, "/v1/prices");
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/prices\/([^/]+)$/,
    handle: ({ state, path }) => state.get(path[0]!, "price", "price"),
  },
];

/** The price with that lookup key (the newest, as there is one at a time), if any. */
export function priceByLookupKey(state: FakeStripeState, lookupKey: string): FakePrice | undefined {
  return state.all<FakePrice>("price").find((price) => price.lookup_key === lookupKey);
}
