import { WORKSPACE_ERRORS } from "./common-errors";
import { workspacePathSchema } from "./common-schemas";
import { billingOverviewResponse } from "./billing-responses";
import { RATE_LIMIT_HEADERS } from "./headers";
import type { OperationSpec } from "./operation-spec";

const BILLING = "/api/workspaces/{workspaceId}/billing";

export const BILLING_OPERATIONS: Record<string, OperationSpec> = {
  [`GET ${BILLING}`]: {
    operationId: "getBilling",
    summary: "Get billing",
    description: "The plan, its status and period, and the usage meters (traces, members, API keys) with daily traces.",
    tag: "Billing",
    access: { kind: "workspace", permission: "billing:read" },
    path: workspacePathSchema,
    responses: {
      200: { description: "The billing overview.", schema: billingOverviewResponse, headers: RATE_LIMIT_HEADERS },
    },
    errors: WORKSPACE_ERRORS,
  },
  [`PATCH ${BILLING}`]: {
    operationId: "changeBilling",
    summary: "Change billing (not yet available)",
    description:
      "**Not available yet: answers 501.** Plan, payment and cancellation changes through the API land with the " +
      "Billing issue. Until then, change the plan on the workspace's Billing tab (`/w/{workspaceId}/settings/billing`). " +
      "The request body is not read. Access is checked first, as for every route (401 → 404 → 403 → 501).",
    tag: "Billing",
    access: { kind: "workspace", permission: "billing:manage" },
    path: workspacePathSchema,
    responses: {},
    errors: {
      ...WORKSPACE_ERRORS,
      403: "Only owners may change billing; API keys never can.",
      501: "Not available yet: change the plan on the Billing tab.",
    },
  },
};
