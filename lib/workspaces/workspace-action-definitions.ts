import { defineUserAction } from "../access/define-action";
import { systemDb } from "../db/prisma";
import { consumeWorkspaceCreationBudget } from "../rate-limit/workspace-creation-limits";
import { createWorkspace } from "./create-workspace";
import { createWorkspaceSchema } from "./workspace-schemas";

export const createWorkspaceAction = defineUserAction({
  name: "createWorkspace",
  input: createWorkspaceSchema,
  handler: async ({ user, request }, input) => {
    const { refund } = await consumeWorkspaceCreationBudget(user.id, request.ip);
    try {
      return await createWorkspace(systemDb(), user, input, request);
    } catch (error) {
      await refund(); // nothing was created: the attempt costs nothing
      throw error;
    }
  },
});
