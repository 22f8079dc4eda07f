import { integrationListQuerySchema } from "../../integrations/list-integrations";
import { QUERY_ERROR, WORKSPACE_ERRORS } from "./common-errors";
import { workspacePathSchema } from "./common-schemas";
import { RATE_LIMIT_HEADERS } from "./headers";
import { integrationListResponse } from "./integration-responses";
import type { OperationSpec } from "./operation-spec";

const INTEGRATIONS = "/api/workspaces/{workspaceId}/integrations";

/** POST, PATCH and DELETE answer 501 until the Integrations issue lands. */
function notYet(method: "POST" | "PATCH" | "DELETE", operationId: string, what: string): [string, OperationSpec] {
  return [
    `${method} ${INTEGRATIONS}`,
    {
      operationId,
      summary: `${what} (not yet available)`,
      description:
        "**Not available yet: answers 501.** Adding, changing and removing integrations through the API land with the " +
        "Integrations issue. Until then, manage integrations on the workspace's Integrations tab " +
        "(`/w/{workspaceId}/settings/integrations`). The request body is not read. Access is checked first, as for " +
        "every route (401 → 404 → 403 → 501).",
      tag: "Integrations",
      access: { kind: "workspace", permission: "integrations:manage" },
      path: workspacePathSchema,
      responses: {},
      errors: {
        ...WORKSPACE_ERRORS,
        501: "Not available yet: use the Integrations tab.",
      },
    },
  ];
}

export const INTEGRATION_OPERATIONS: Record<string, OperationSpec> = {
  [`GET ${INTEGRATIONS}`]: {
    operationId: "listIntegrations",
    summary: "List integrations",
    description: "The workspace's integrations by type and name, with their health; never a secret.",
    tag: "Integrations",
    access: { kind: "workspace", permission: "workspace:read" },
    path: workspacePathSchema,
    query: integrationListQuerySchema,
    responses: {
      200: { description: "One page of integrations.", schema: integrationListResponse, headers: RATE_LIMIT_HEADERS },
    },
    errors: { 400: QUERY_ERROR, ...WORKSPACE_ERRORS },
  },
  ...Object.fromEntries([
    notYet("POST", "createIntegration", "Add an integration"),
    notYet("PATCH", "changeIntegration", "Change an integration"),
    notYet("DELETE", "removeIntegration", "Remove an integration"),
  ]),
};
