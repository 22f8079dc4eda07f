import { actionRoute } from "@/lib/access/action-route";
import { workspaceReadRoute } from "@/lib/access/define-route";
import { updateBillingAction } from "@/lib/billing/billing-action-definitions";
import { billingOverviewRead } from "@/lib/billing/billing-overview";

/** GET /api/workspaces/{id}/billing: plan, status, period, limits and usage (owners and admins). */
export const GET = workspaceReadRoute("billing:read", billingOverviewRead);

/** PATCH {billingEmail?, cancelAtPeriodEnd?}: owners only (API keys never): the tab's email, cancel and resume. */
export const PATCH = actionRoute(updateBillingAction);
