import { defineUserAction } from "../access/define-action";
import { systemDb } from "../db/prisma";
import { createWorkspace } from "./create-workspace";
import { createWorkspaceSchema } from "./workspace-schemas";

export const createWorkspaceAction = defineUserAction({
  name: "createWorkspace",
  input: createWorkspaceSchema,
  handler: ({ user, request }, input) => createWorkspace(systemDb(), user, input, request),
});
