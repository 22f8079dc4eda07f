import { actorLabel } from "../access/actor";
import { defineUserAction, defineWorkspaceAction } from "../access/define-action";
import type { WorkspaceContext } from "../access/with-workspace";
import { env } from "../env";
import { systemDb } from "../db/prisma";
import { sendEmail } from "../email/send-email";
import { memberJoinedEmail } from "../email/templates/team-emails";
import { logger } from "../logger";
import { acceptInvitation, joinNotificationRecipients } from "./accept-invitation";
import { invitationUrl } from "./invitation-token";
import { inviteMembers, rotateInvitation } from "./invitations";
import {
  changeMemberRole,
  deactivateMember,
  leaveWorkspace,
  reactivateMember,
  removeMember,
  restoreMember,
  transferOwnership,
} from "./manage-members";
import { sendInvitationEmails } from "./send-invitation-emails";
import {
  acceptInvitationSchema,
  changeRoleSchema,
  inviteMembersSchema,
  leaveWorkspaceSchema,
  memberTargetSchema,
} from "./team-schemas";

async function workspaceName(ctx: WorkspaceContext): Promise<string> {
  const row = await ctx.tx.workspace.findUnique({ where: { id: ctx.workspaceId }, select: { name: true } });
  return row?.name ?? "your workspace";
}

export const inviteMembersAction = defineWorkspaceAction({
  name: "inviteMembers",
  permission: "team:manage",
  input: inviteMembersSchema,
  handler: async (ctx, input) => ({
    ...(await inviteMembers(ctx, input)),
    role: input.role,
    workspaceName: await workspaceName(ctx),
  }),
  afterCommit: async (result, { actor }) => ({
    invited: await sendInvitationEmails(result.invited, {
      workspaceName: result.workspaceName,
      inviter: actorLabel(actor),
      role: () => result.role,
    }),
    skipped: result.skipped,
  }),
});

export const resendInvitationAction = defineWorkspaceAction({
  name: "resendInvitation",
  permission: "team:manage",
  input: memberTargetSchema,
  handler: async (ctx, input) => ({
    issued: await rotateInvitation(ctx, input, "resent"),
    role: (await ctx.tx.teamMember.findUniqueOrThrow({ where: { id: input.memberId }, select: { role: true } })).role,
    workspaceName: await workspaceName(ctx),
  }),
  afterCommit: async ({ issued, role, workspaceName: name }, { actor }) =>
    (await sendInvitationEmails([issued], { workspaceName: name, inviter: actorLabel(actor), role: () => role }))[0]!,
});

export const copyInvitationLinkAction = defineWorkspaceAction({
  name: "copyInvitationLink",
  permission: "team:manage",
  input: memberTargetSchema,
  handler: (ctx, input) => rotateInvitation(ctx, input, "link_copied"),
  afterCommit: async (issued) => ({
    memberId: issued.memberId,
    email: issued.email,
    link: invitationUrl(env.APP_URL, issued.token),
  }),
});

export const revokeInvitationAction = defineWorkspaceAction({
  name: "revokeInvitation",
  permission: "team:manage",
  input: memberTargetSchema,
  handler: (ctx, input) => removeMember(ctx, input, "revoke"),
});

export const changeRoleAction = defineWorkspaceAction({
  name: "changeRole",
  permission: "team:manage",
  input: changeRoleSchema,
  handler: changeMemberRole,
});

export const deactivateMemberAction = defineWorkspaceAction({
  name: "deactivateMember",
  permission: "team:manage",
  input: memberTargetSchema,
  handler: deactivateMember,
});

export const reactivateMemberAction = defineWorkspaceAction({
  name: "reactivateMember",
  permission: "team:manage",
  input: memberTargetSchema,
  handler: reactivateMember,
});

export const removeMemberAction = defineWorkspaceAction({
  name: "removeMember",
  permission: "team:manage",
  input: memberTargetSchema,
  handler: (ctx, input) => removeMember(ctx, input),
});

export const restoreMemberAction = defineWorkspaceAction({
  name: "restoreMember",
  permission: "team:manage",
  input: memberTargetSchema,
  handler: restoreMember,
});

export const leaveWorkspaceAction = defineWorkspaceAction({
  name: "leaveWorkspace",
  permission: "workspace:read",
  input: leaveWorkspaceSchema,
  handler: (ctx) => leaveWorkspace(ctx),
});

export const transferOwnershipAction = defineWorkspaceAction({
  name: "transferOwnership",
  permission: "workspace:own",
  input: memberTargetSchema,
  handler: transferOwnership,
});

/** Accepting crosses workspaces (the user is not a member yet): a user action on the system client. */
export const acceptInvitationAction = defineUserAction({
  name: "acceptInvitation",
  input: acceptInvitationSchema,
  handler: ({ user, request }, input) => acceptInvitation(systemDb(), user, input.token, request),
  afterCommit: async (joined, { user }) => {
    const recipients = await joinNotificationRecipients(systemDb(), joined.workspaceId, user.id);
    await Promise.all(
      recipients.map((to) =>
        sendEmail(
          memberJoinedEmail({
            to,
            workspaceName: joined.workspaceName,
            member: user.name ?? user.email,
            role: joined.role,
          }),
        ).catch((error) => logger.warn({ err: error }, "join notification failed")),
      ),
    );
    return joined;
  },
});

export const TEAM_ACTIONS = [
  inviteMembersAction,
  resendInvitationAction,
  copyInvitationLinkAction,
  revokeInvitationAction,
  changeRoleAction,
  deactivateMemberAction,
  reactivateMemberAction,
  removeMemberAction,
  restoreMemberAction,
  leaveWorkspaceAction,
  transferOwnershipAction,
  acceptInvitationAction,
];
