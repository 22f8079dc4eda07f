"use server";

import { runAction } from "../access/run-action";
import { createApiKeyAction, revokeApiKeyAction } from "./api-key-action-definitions";

// Each export only supplies the request; the definitions go through the chokepoint (session-only).
export async function createApiKey(input: unknown) {
  return runAction(createApiKeyAction, input);
}

export async function revokeApiKey(input: unknown) {
  return runAction(revokeApiKeyAction, input);
}
