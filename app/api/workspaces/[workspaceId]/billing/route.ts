import { workspaceReadRoute } from "@/lib/access/define-route";
import { billingOverviewRead } from "@/lib/billing/billing-overview";

/** GET /api/workspaces/{id}/billing: plan, status, period and usage (owners and admins). */
export const GET = workspaceReadRoute("billing:read", billingOverviewRead);
