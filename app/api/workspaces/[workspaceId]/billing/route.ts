import { notYetRoute, workspaceReadRoute } from "@/lib/access/define-route";
import { billingOverviewRead } from "@/lib/billing/billing-overview";

/** GET /api/workspaces/{id}/billing: plan, status, period and usage (owners and admins). */
export const GET = workspaceReadRoute("billing:read", billingOverviewRead);

/** PATCH: plan, payment and cancellation changes land with the Billing issue; 501 until then (owners only). */
export const PATCH = notYetRoute(
  "billing:manage",
  "Changing billing through the API is not available yet: change the plan on the Billing tab.",
);
