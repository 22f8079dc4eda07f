import { userRoute } from "@/lib/access/define-route";
import { readJsonBody } from "@/lib/access/read-json-body";
import { systemDb } from "@/lib/db/prisma";
import { invalidInput } from "@/lib/errors";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { listMyWorkspaces } from "@/lib/workspaces/list-my-workspaces";
import { createWorkspaceSchema } from "@/lib/workspaces/workspace-schemas";

/** GET /api/workspaces: the signed-in user's workspaces. */
export const GET = userRoute(({ user }) => listMyWorkspaces(systemDb(), user.id));

/** POST /api/workspaces {name}: create one; the caller becomes its owner. */
export const POST = userRoute(async ({ user, request }, httpRequest) => {
  const parsed = createWorkspaceSchema.safeParse(await readJsonBody(httpRequest));
  if (!parsed.success) throw invalidInput(parsed.error);
  return createWorkspace(systemDb(), user, parsed.data, request);
});
