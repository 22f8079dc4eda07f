import { workspaceReadRoute } from "@/lib/access/define-route";
import { invalidInput } from "@/lib/errors";
import { deliveryListQuerySchema } from "@/lib/integrations/integration-schemas";
import { deliveryListRead, integrationIdParam } from "@/lib/integrations/list-deliveries";

/** GET …/integrations/{integrationId}/deliveries?limit=&cursor=&status=: the delivery log, newest first. */
export const GET = workspaceReadRoute("workspace:read", (workspaceId, request, path) => {
  const integrationId = integrationIdParam.safeParse(path.integrationId);
  if (!integrationId.success) throw invalidInput(integrationId.error);
  const query = deliveryListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidInput(query.error);
  return deliveryListRead(workspaceId, integrationId.data, query.data);
});
