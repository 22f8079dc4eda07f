import { defineUserAction } from "../access/define-action";
import { systemDb } from "../db/prisma";
import { consumeWorkspaceCreationBudget } from "../rate-limit/workspace-creation-limits";
import { createWorkspace } from "./create-workspace";
import { createWorkspaceSchema } from "./workspace-schemas";

export const createWorkspaceAction = defineUserAction({
  name: "createWorkspace",
  input: createWorkspaceSchema,
  handler: async (ctx, input) => {
    await consumeWorkspaceCreationBudget(ctx); // given back if the workspace is not created
    return createWorkspace(systemDb(), ctx.user, input, ctx.request);
  },
});
