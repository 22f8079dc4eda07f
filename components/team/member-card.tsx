"use client";

import { RelativeTime } from "@/components/settings/relative-time";
import type { MemberView } from "@/lib/team/list-members";
import { MemberActions } from "./member-actions-menu";
import type { MemberControls } from "./member-controls";
import { MemberIdentity } from "./member-identity";
import { MemberRoleCell } from "./member-role-cell";
import { MemberStatusBadge } from "./member-status-badge";

/** One member as a card (narrow screens): identity and "…" on top, role and status below. */
export function MemberCard({
  member,
  isSelf,
  controls,
}: {
  member: MemberView;
  isSelf: boolean;
  controls: MemberControls | null;
}) {
  return (
    <li className="grid grid-cols-1 gap-3 p-4">
      <div className="flex items-start justify-between gap-2">
        <MemberIdentity member={member} isSelf={isSelf} />
        <MemberActions member={member} controls={controls} />
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
        <MemberRoleCell member={member} controls={controls} />
        <MemberStatusBadge status={member.status} />
        <span className="text-zinc-600 dark:text-zinc-400">
          Last active <RelativeTime iso={member.lastActiveAt} empty="never" />
        </span>
      </div>
    </li>
  );
}
