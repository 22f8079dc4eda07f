"use server";

import { runAction } from "../access/run-action";
import { createWorkspaceAction } from "./workspace-action-definitions";

export async function createWorkspace(input: unknown) {
  return runAction(createWorkspaceAction, input);
}
