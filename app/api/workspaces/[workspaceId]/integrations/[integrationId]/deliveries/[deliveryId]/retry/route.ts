import { actionRoute } from "@/lib/access/action-route";
import { retryDeliveryAction } from "@/lib/integrations/integration-action-definitions";

/** POST …/integrations/{integrationId}/deliveries/{deliveryId}/retry: "Retry now" (queued at once). */
export const POST = actionRoute(retryDeliveryAction, undefined, { pathInput: ["integrationId", "deliveryId"] });
