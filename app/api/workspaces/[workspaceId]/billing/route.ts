import { workspaceRoute } from "@/lib/access/define-route";
import { getBillingOverview } from "@/lib/billing/billing-overview";

/** GET /api/workspaces/{id}/billing: plan, status, period and usage (owners and admins). */
export const GET = workspaceRoute("billing:read", ({ tx, workspaceId }) => getBillingOverview(tx, workspaceId));
