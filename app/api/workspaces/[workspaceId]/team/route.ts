import { workspaceRoute } from "@/lib/access/define-route";
import { listMembers } from "@/lib/team/list-members";

/** GET /api/workspaces/{id}/team: members and pending invitations. */
export const GET = workspaceRoute("workspace:read", ({ tx, workspaceId }) => listMembers(tx, workspaceId));
