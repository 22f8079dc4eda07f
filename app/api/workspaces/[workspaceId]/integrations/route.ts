import { workspaceReadRoute } from "@/lib/access/define-route";
import { integrationsRead } from "@/lib/integrations/list-integrations";

/** GET /api/workspaces/{id}/integrations: integrations without secrets. */
export const GET = workspaceReadRoute("workspace:read", integrationsRead);
