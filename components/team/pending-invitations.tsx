import type { MemberView } from "@/lib/team/list-members";
import { formatDay } from "./member-display";
import { PendingInvitationList, type PendingInvitationRow } from "./pending-invitation-list";

export interface PendingInvitation extends MemberView {
  /** When the current link was sent (the invitation, or its latest resend). */
  sentAt: string | null;
}

/**
 * Invitations not accepted yet. Runs on the server: the browser gets, per invitation, the address
 * (nothing about an account), the role, who invited when (as the sentence shown) and the expiry.
 */
export function PendingInvitations({
  workspaceId,
  invitations,
  manageable,
}: {
  workspaceId: string;
  invitations: PendingInvitation[];
  /** The ids the actor may resend, revoke and copy (roles at or below their own). */
  manageable: string[];
}) {
  if (invitations.length === 0) return null;
  // Rendered once per request, so reading the clock here is intended.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  const rows = invitations.map((invitation): PendingInvitationRow => ({
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    invited:
      (invitation.sentAt ? `invited on ${formatDay(invitation.sentAt)}` : "invited") +
      (invitation.invitedBy ? ` by ${invitation.invitedBy}` : ""),
    expiresAt: invitation.invitationExpiresAt,
    expired: invitation.invitationExpiresAt !== null && new Date(invitation.invitationExpiresAt).getTime() <= now,
    manageable: manageable.includes(invitation.id),
  }));
  return <PendingInvitationList workspaceId={workspaceId} invitations={rows} now={now} />;
}
