import { actionDispatchRoute, actionRoute } from "@/lib/access/action-route";
import { workspaceReadRoute } from "@/lib/access/define-route";
import { invalidInput } from "@/lib/errors";
import {
  createIntegrationAction,
  deleteIntegrationAction,
  rotateSigningSecretAction,
  sendTestEventAction,
  setIntegrationEnabledAction,
  updateIntegrationAction,
} from "@/lib/integrations/integration-action-definitions";
import { integrationListQuerySchema, integrationListRead } from "@/lib/integrations/list-integrations";

/** GET /api/workspaces/{id}/integrations?limit=&cursor=: integrations without secrets. */
export const GET = workspaceReadRoute("workspace:read", (workspaceId, request) => {
  const query = integrationListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidInput(query.error);
  return integrationListRead(workspaceId, query.data);
});

/**
 * POST {type, name, …the type's settings and secrets}: a new integration (the Integrations tab's
 * definition). A webhook's signing secret is in this response only; an Idempotency-Key replay
 * answers `signingSecret: null` (the secret is never stored in plain text, not even for replays).
 */
export const POST = actionRoute(createIntegrationAction, undefined, {
  storedAs: (data) => ({ ...(data as object), signingSecret: null }),
});

/**
 * PATCH {action, integrationId, …}: `update` (with the integration's `type`; secrets left out are
 * kept), `set_enabled` {enabled}, `rotate_secret` (webhooks: the new secret, once), or
 * `send_test_event` (the receiver's answer).
 */
export const PATCH = actionDispatchRoute("integrations:manage", "action", {
  update: updateIntegrationAction,
  set_enabled: setIntegrationEnabledAction,
  rotate_secret: rotateSigningSecretAction,
  send_test_event: sendTestEventAction,
});

/** DELETE {integrationId}: remove the integration, its deliveries and their log. */
export const DELETE = actionRoute(deleteIntegrationAction);
