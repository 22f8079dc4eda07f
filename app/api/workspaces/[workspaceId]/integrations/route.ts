import { workspaceRoute } from "@/lib/access/define-route";
import { listIntegrations } from "@/lib/integrations/list-integrations";

/** GET /api/workspaces/{id}/integrations: integrations without secrets. */
export const GET = workspaceRoute("workspace:read", ({ tx, workspaceId }) => listIntegrations(tx, workspaceId));
