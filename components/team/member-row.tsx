"use client";

import { RelativeTime } from "@/components/settings/relative-time";
import type { MemberView } from "@/lib/team/list-members";
import { MemberActions } from "./member-actions-menu";
import type { MemberControls } from "./member-controls";
import { MemberIdentity } from "./member-identity";
import { MemberRoleCell } from "./member-role-cell";
import { MemberStatusBadge } from "./member-status-badge";

/** One member in the table (640px and wider). */
export function MemberRow({
  member,
  isSelf,
  controls,
  showActions,
}: {
  member: MemberView;
  isSelf: boolean;
  controls: MemberControls | null;
  showActions: boolean;
}) {
  return (
    <tr className="align-middle">
      <td className="max-w-64 px-4 py-3">
        <MemberIdentity member={member} isSelf={isSelf} />
      </td>
      <td className="px-4 py-3">
        <MemberRoleCell member={member} controls={controls} />
      </td>
      <td className="px-4 py-3">
        <MemberStatusBadge status={member.status} />
      </td>
      <td className="px-4 py-3 whitespace-nowrap">
        <RelativeTime iso={member.lastActiveAt} empty="never" />
      </td>
      {showActions && (
        <td className="px-2 py-2 text-right">
          <MemberActions member={member} controls={controls} />
        </td>
      )}
    </tr>
  );
}
