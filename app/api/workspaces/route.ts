import { actionRoute } from "@/lib/access/action-route";
import { userRoute } from "@/lib/access/define-route";
import { systemDb } from "@/lib/db/prisma";
import { listMyWorkspaces } from "@/lib/workspaces/list-my-workspaces";
import { createWorkspaceAction } from "@/lib/workspaces/workspace-action-definitions";

/** GET /api/workspaces: the signed-in user's workspaces. */
export const GET = userRoute(({ user }) => listMyWorkspaces(systemDb(), user.id));

/** POST /api/workspaces {name}: create one; the caller becomes its owner (the same definition as the form's). */
export const POST = actionRoute(createWorkspaceAction);
