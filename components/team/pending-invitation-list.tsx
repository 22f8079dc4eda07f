"use client";

import { RelativeTime } from "@/components/settings/relative-time";
import { Badge } from "@/components/ui/badge";
import type { Role } from "@/lib/access/permissions";
import { CopyAllLinksButton } from "./copy-all-links-button";
import { roleLabel } from "./member-display";
import { NEW_LINK_NOTE, PendingInvitationActions } from "./pending-invitation-actions";

/** What the list shows of an invitation. */
export interface PendingInvitationRow {
  id: string;
  email: string;
  role: Role;
  /** "invited on Nov 27, 2026 by Olga Owner". */
  invited: string;
  expiresAt: string | null;
  expired: boolean;
  /** Whether the actor may resend, revoke and copy it (roles at or below their own). */
  manageable: boolean;
}

/**
 * The pending invitations: the invited address only (nothing about an account), role, who invited
 * when, expiry, and Resend / Copy link / Revoke where the actor may. Rendered here from the rows
 * rather than on the server, so the page carries the rows and not their markup a second time.
 */
export function PendingInvitationList({
  workspaceId,
  invitations,
  now,
}: {
  workspaceId: string;
  invitations: PendingInvitationRow[];
  /** The server's clock, so that "expires in 7 days" reads the same on the server and in hydration. */
  now: number;
}) {
  const mine = invitations.filter((i) => i.manageable);
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
                {invitation.invited} ·{" "}
                {invitation.expired ? (
                  "expired"
                ) : (
                  <>
                    expires <RelativeTime iso={invitation.expiresAt} now={now} />
                  </>
                )}
              </p>
            </div>
            {invitation.manageable && (
              <PendingInvitationActions workspaceId={workspaceId} memberId={invitation.id} email={invitation.email} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
