import { notYetRoute, workspaceReadRoute } from "@/lib/access/define-route";
import { invalidInput } from "@/lib/errors";
import { integrationListQuerySchema, integrationListRead } from "@/lib/integrations/list-integrations";

/** GET /api/workspaces/{id}/integrations?limit=&cursor=: integrations without secrets. */
export const GET = workspaceReadRoute("workspace:read", (workspaceId, request) => {
  const query = integrationListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidInput(query.error);
  return integrationListRead(workspaceId, query.data);
});

const LATER = "Adding, changing and removing integrations through the API is not available yet.";

/** POST, PATCH, DELETE: integration writes land with the Integrations issue; 501 until then. */
export const POST = notYetRoute("integrations:manage", LATER);
export const PATCH = notYetRoute("integrations:manage", LATER);
export const DELETE = notYetRoute("integrations:manage", LATER);
