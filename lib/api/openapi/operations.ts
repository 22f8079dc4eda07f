import { API_KEY_OPERATIONS } from "./api-key-operations";
import { AUDIT_OPERATIONS } from "./audit-operations";
import { BILLING_OPERATIONS } from "./billing-operations";
import { HEALTH_OPERATIONS } from "./health-operations";
import { INGEST_OPERATIONS } from "./ingest-operations";
import { INTEGRATION_OPERATIONS } from "./integration-operations";
import type { OperationSpec } from "./operation-spec";
import { REFERENCE_OPERATIONS } from "./reference-operations";
import { TEAM_OPERATIONS } from "./team-operations";
import { WORKSPACE_OPERATIONS } from "./workspace-operations";

/**
 * Every documented route method, keyed `METHOD /api/…` (OpenAPI path form). lib/api/openapi/openapi-document.test.ts
 * checks this against the route files: a route without an entry here (or an entry without a route) fails it.
 */
export const OPERATIONS: Record<string, OperationSpec> = {
  ...HEALTH_OPERATIONS,
  ...REFERENCE_OPERATIONS,
  ...WORKSPACE_OPERATIONS,
  ...TEAM_OPERATIONS,
  ...BILLING_OPERATIONS,
  ...INTEGRATION_OPERATIONS,
  ...AUDIT_OPERATIONS,
  ...API_KEY_OPERATIONS,
  ...INGEST_OPERATIONS,
};

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** "PATCH /api/workspaces/{workspaceId}/team" → its method and path. */
export function splitOperationKey(key: string): { method: HttpMethod; path: string } {
  const [method, path] = key.split(" ") as [HttpMethod, string];
  return { method, path };
}
