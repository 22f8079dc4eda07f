import { actionRoute } from "@/lib/access/action-route";
import { replayIntegrationAction } from "@/lib/integrations/integration-action-definitions";

/** POST …/integrations/{integrationId}/replay {since, includeDelivered?}: send again what it missed since then. */
export const POST = actionRoute(replayIntegrationAction, undefined, { pathInput: ["integrationId"], bodyToo: true });
