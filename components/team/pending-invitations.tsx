import { RelativeTime } from "@/components/settings/relative-time";
import { Badge } from "@/components/ui/badge";
import type { MemberView } from "@/lib/team/list-members";
import { CopyAllLinksButton } from "./copy-all-links-button";
import { formatDay, roleLabel } from "./member-display";
import { NEW_LINK_NOTE, PendingInvitationActions } from "./pending-invitation-actions";

export interface PendingInvitation extends MemberView {
  /** When the current link was sent (the invitation, or its latest resend). */
  sentAt: string | null;
}

/** Invitations not accepted yet: the invited address only (nothing about an account), role, who invited when, expiry. */
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
  const mine = invitations.filter((i) => manageable.includes(i.id));
  return (
    <section aria-labelledby="pending-heading" className="grid grid-cols-1 gap-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h3 id="pending-heading" className="font-semibold">
            Pending invitations
          </h3>
          {mine.length > 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">Copy link: {NEW_LINK_NOTE}</p>}
        </div>
        {mine.length > 1 && <CopyAllLinksButton workspaceId={workspaceId} invitations={mine} />}
      </div>
      <ul
        aria-labelledby="pending-heading"
        className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {invitations.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
            <div className="grid min-w-0 grid-cols-1 gap-0.5">
              <div className="flex min-w-0 flex-wrap items-center gap-2">
                <span className="truncate font-medium">{invitation.email}</span>
                <Badge>{roleLabel(invitation.role)}</Badge>
              </div>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                {invitation.sentAt ? `invited on ${formatDay(invitation.sentAt)}` : "invited"}
                {invitation.invitedBy ? ` by ${invitation.invitedBy}` : ""} ·{" "}
                {invitation.invitationExpiresAt && new Date(invitation.invitationExpiresAt) <= new Date() ? (
                  "expired"
                ) : (
                  <>
                    expires <RelativeTime iso={invitation.invitationExpiresAt} />
                  </>
                )}
              </p>
            </div>
            {manageable.includes(invitation.id) && (
              <PendingInvitationActions workspaceId={workspaceId} memberId={invitation.id} email={invitation.email} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
