import { newId } from "./ids";
import { mergeMetadata } from "./params";
import type { Route } from "./route";
import type { StripeObject } from "./state";

export interface FakeCustomer extends StripeObject {
  object: "customer";
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
}

export const customerRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/customers$/,
    handle: ({ state, params }) =>
      state.put<FakeCustomer>({
        id: newId("cus_"),
        object: "customer",
        created: state.now(),
        email: params.string("email") || null,
        name: params.string("name") || null,
        description: params.string("description") || null,
        metadata: params.metadata() ?? {},
        livemode: false,
        currency: null,
        delinquent: false,
        invoice_settings: { default_payment_method: null },
      }),
  },
  {
    method: "GET",
    pattern: /^\/v1\/customers\/([^/]+)$/,
    handle: ({ state, path }) => state.get<FakeCustomer>(path[0]!, "customer", "customer"),
  },
  {
    method: "POST",
    pattern: /^\/v1\/customers\/([^/]+)$/,
    handle: ({ state, params, path }) => {
      const customer = state.get<FakeCustomer>(path[0]!, "customer", "customer");
      if (params.has("email")) customer.email = params.string("email") || null;
      if (params.has("name")) customer.name = params.string("name") || null;
      customer.metadata = mergeMetadata(customer.metadata, params.metadata());
      return customer;
    },
  },
];
