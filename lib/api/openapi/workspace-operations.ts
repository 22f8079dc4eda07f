import { createWorkspaceSchema } from "../../workspaces/workspace-schemas";
import { bodyErrors, IDEMPOTENCY_CONFLICT, USER_ERRORS } from "./common-errors";
import { idempotencyKeyHeaderSchema } from "./headers";
import type { OperationSpec } from "./operation-spec";
import { createdWorkspaceResponse, myWorkspacesResponse } from "./workspace-responses";

export const WORKSPACE_OPERATIONS: Record<string, OperationSpec> = {
  "GET /api/workspaces": {
    operationId: "listMyWorkspaces",
    summary: "List my workspaces",
    description: "The workspaces the signed-in person is an active member of, by name, with their role in each.",
    tag: "Workspaces",
    access: { kind: "user" },
    responses: { 200: { description: "Up to 200 workspaces.", schema: myWorkspacesResponse } },
    errors: USER_ERRORS,
  },
  "POST /api/workspaces": {
    operationId: "createWorkspace",
    summary: "Create a workspace",
    description:
      "Creates a workspace on the Free plan; the caller becomes its owner. A person may create 10 a day (30 a day from one network address).",
    tag: "Workspaces",
    access: { kind: "user" },
    headers: idempotencyKeyHeaderSchema,
    body: { schema: createWorkspaceSchema, example: { name: "Acme Agents" } },
    responses: {
      200: {
        description: "The new workspace.",
        schema: createdWorkspaceResponse,
        headers: [{ name: "Idempotent-Replayed" }],
      },
    },
    errors: {
      ...USER_ERRORS,
      ...bodyErrors(),
      409: IDEMPOTENCY_CONFLICT,
      429: "The caller (or their network address) created the most workspaces allowed for now; see Retry-After.",
    },
  },
};
