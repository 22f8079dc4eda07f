import { actionRoute } from "@/lib/access/action-route";
import { workspaceReadRoute } from "@/lib/access/define-route";
import { createApiKeyAction } from "@/lib/api-keys/api-key-action-definitions";
import { apiKeyListQuerySchema } from "@/lib/api-keys/api-key-schemas";
import { apiKeyListRead } from "@/lib/api-keys/list-api-keys";
import { invalidInput } from "@/lib/errors";

/** GET /api/workspaces/{id}/api-keys?limit=&cursor=: live keys, newest first (never a secret). */
export const GET = workspaceReadRoute("api_keys:read", (workspaceId, request) => {
  const query = apiKeyListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidInput(query.error);
  return apiKeyListRead(workspaceId, query.data);
});

/**
 * POST {name, scopes, expiresAt?}: a new key; its secret is in this response only. An Idempotency-Key
 * replay answers the same key with `secret: null`: the secret is never stored, not even for replays.
 */
export const POST = actionRoute(createApiKeyAction, undefined, {
  storedAs: (data) => ({ ...(data as object), secret: null }),
});
