import { actionDispatchRoute, actionRoute } from "@/lib/access/action-route";
import { workspaceReadRoute } from "@/lib/access/define-route";
import { invalidInput } from "@/lib/errors";
import {
  changeRoleAction,
  deactivateMemberAction,
  inviteMembersAction,
  reactivateMemberAction,
  removeMemberAction,
  resendInvitationAction,
  restoreMemberAction,
  transferOwnershipAction,
} from "@/lib/team/team-action-definitions";
import { memberListRead } from "@/lib/team/list-members";
import { withoutInvitationLinks } from "@/lib/team/without-invitation-links";
import { memberVersioning } from "@/lib/team/member-etag";
import { memberApiQuerySchema } from "@/lib/team/team-schemas";

/** GET /api/workspaces/{id}/team?q=&limit=&cursor= (or page=): members and pending invitations, each with its ETag. */
export const GET = workspaceReadRoute("workspace:read", (workspaceId, request) => {
  const query = memberApiQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidInput(query.error);
  return memberListRead(workspaceId, query.data);
});

/** POST {emails, role}: invite, and email each invitation (the same definition as the Team tab's). */
export const POST = actionRoute(inviteMembersAction, withoutInvitationLinks);

/**
 * PATCH {action, memberId, role?}: one member operation; `resend` emails a new link. With `If-Match:
 * <the member's etag>` it applies only if the member has not changed since (412 otherwise); the new
 * ETag comes back in the `ETag` header.
 */
export const PATCH = actionDispatchRoute(
  "team:manage",
  "action",
  {
    change_role: changeRoleAction,
    deactivate: deactivateMemberAction,
    reactivate: reactivateMemberAction,
    restore: restoreMemberAction,
    resend: resendInvitationAction,
    transfer_ownership: transferOwnershipAction,
  },
  withoutInvitationLinks,
  memberVersioning,
);

/** DELETE {memberId}: remove a member (soft, restorable) or revoke a pending invitation. */
export const DELETE = actionRoute(removeMemberAction);
