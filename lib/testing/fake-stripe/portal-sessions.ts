import { newId } from "./ids";
import type { Route } from "./route";
import type { StripeObject } from "./state";

export interface FakePortalSession extends StripeObject {
  object: "billing_portal.session";
  customer: string;
  return_url: string | null;
  url: string;
}

export const portalRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/billing_portal\/sessions$/,
    handle: ({ state, params, baseUrl }) => {
      const customer = params.requiredString("customer");
      state.get(customer, "customer", "customer", "customer");
      const id = newId("bps_");
      return state.put<FakePortalSession>({
        id,
        object: "billing_portal.session",
        configuration: "bpc_fake",
        created: state.now(),
        customer,
        flow: null,
        livemode: false,
        locale: null,
        on_behalf_of: null,
        return_url: params.string("return_url") || null,
        url: `${baseUrl}/_fake/portal/${id}`,
      });
    },
  },
];
