import { actionRoute } from "@/lib/access/action-route";
import { revokeApiKeyAction } from "@/lib/api-keys/api-key-action-definitions";

/** DELETE /api/workspaces/{id}/api-keys/{keyId}: revoke the key; its next request is refused. */
export const DELETE = actionRoute(revokeApiKeyAction, undefined, { pathInput: ["keyId"] });
