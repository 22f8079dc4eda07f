import { defineWorkspaceAction } from "../access/define-action";
import { createApiKeySchema, revokeApiKeySchema } from "./api-key-schemas";
import { createApiKey, revokeApiKey } from "./manage-api-keys";

/** The API keys tab's changes: the server actions and the REST routes run these same definitions. */
export const createApiKeyAction = defineWorkspaceAction({
  name: "createApiKey",
  permission: "api_keys:manage",
  input: createApiKeySchema,
  handler: createApiKey,
});

export const revokeApiKeyAction = defineWorkspaceAction({
  name: "revokeApiKey",
  permission: "api_keys:manage",
  input: revokeApiKeySchema,
  handler: (ctx, input) => revokeApiKey(ctx, input),
});

export const API_KEY_ACTIONS = [createApiKeyAction, revokeApiKeyAction];
