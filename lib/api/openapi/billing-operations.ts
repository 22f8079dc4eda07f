import { bodyErrors, WORKSPACE_ERRORS } from "./common-errors";
import { workspacePathSchema } from "./common-schemas";
import { billingOverviewResponse, billingUpdateResponse } from "./billing-responses";
import { updateBillingBody } from "./billing-requests";
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
    operationId: "updateBilling",
    summary: "Update billing",
    description:
      "Changes the billing email (also on the Stripe customer), and cancels the subscription at the period's end " +
      "(`cancelAtPeriodEnd: true`) or resumes it (`false`). Owners only, signed in; API keys never change billing. " +
      "Plan changes go through Stripe Checkout on the Billing tab.",
    tag: "Billing",
    access: { kind: "workspace", permission: "billing:manage" },
    path: workspacePathSchema,
    body: updateBillingBody,
    responses: {
      200: { description: "The billing email and cancellation after the change.", schema: billingUpdateResponse },
    },
    errors: {
      ...WORKSPACE_ERRORS,
      ...bodyErrors(),
      403: "Only owners may change billing; API keys never can.",
      409: "Cancel or resume needs a subscription; this workspace has none.",
      503: "Payments are not set up on this server, or Stripe could not be reached (nothing was changed).",
    },
  },
};
