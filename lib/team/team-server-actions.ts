"use server";

import { runAction } from "../access/run-action";
import {
  acceptInvitationAction,
  changeRoleAction,
  copyInvitationLinkAction,
  deactivateMemberAction,
  inviteMembersAction,
  leaveWorkspaceAction,
  reactivateMemberAction,
  removeMemberAction,
  resendInvitationAction,
  restoreMemberAction,
  revokeInvitationAction,
  transferOwnershipAction,
} from "./team-action-definitions";

// Each export only supplies the request; the definitions go through the chokepoint.
export async function inviteMembers(input: unknown) {
  return runAction(inviteMembersAction, input);
}
export async function resendInvitation(input: unknown) {
  return runAction(resendInvitationAction, input);
}
export async function copyInvitationLink(input: unknown) {
  return runAction(copyInvitationLinkAction, input);
}
export async function revokeInvitation(input: unknown) {
  return runAction(revokeInvitationAction, input);
}
export async function changeRole(input: unknown) {
  return runAction(changeRoleAction, input);
}
export async function deactivateMember(input: unknown) {
  return runAction(deactivateMemberAction, input);
}
export async function reactivateMember(input: unknown) {
  return runAction(reactivateMemberAction, input);
}
export async function removeMember(input: unknown) {
  return runAction(removeMemberAction, input);
}
export async function restoreMember(input: unknown) {
  return runAction(restoreMemberAction, input);
}
export async function leaveWorkspace(input: unknown) {
  return runAction(leaveWorkspaceAction, input);
}
export async function transferOwnership(input: unknown) {
  return runAction(transferOwnershipAction, input);
}
export async function acceptInvitation(input: unknown) {
  return runAction(acceptInvitationAction, input);
}
