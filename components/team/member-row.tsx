"use client";

import { RelativeTime } from "@/components/settings/relative-time";
import { MemberActions } from "./member-actions-menu";
import type { MemberControls } from "./member-controls";
import { MemberIdentity } from "./member-identity";
import { MemberRoleCell } from "./member-role-cell";
import type { MemberRowData } from "./member-rows";
import { MemberStatusBadge } from "./member-status-badge";

/**
 * One member: a table row from 640px, a card below (identity and "…" on top, role, status and last
 * activity under them). members-table.css styles the cells by column, so no class repeats per row.
 */
export function MemberRow({
  member,
  isSelf,
  controls,
  showActions,
  now,
}: {
  member: MemberRowData;
  isSelf: boolean;
  controls: MemberControls | null;
  showActions: boolean;
  /** The server's clock, for "3 hours ago". */
  now: number;
}) {
  return (
    <tr>
      <td>
        <MemberIdentity member={member} isSelf={isSelf} />
      </td>
      <td>
        <MemberRoleCell member={member} controls={controls} />
      </td>
      <td>
        <MemberStatusBadge status={member.status} />
      </td>
      <td>
        {/* The label shows on cards only; the table has a column header (members-table.css). */}
        <span>Last active </span>
        <RelativeTime iso={member.lastActiveAt ?? null} empty="never" now={now} />
      </td>
      {showActions && (
        <td>
          <MemberActions member={member} controls={controls} />
        </td>
      )}
    </tr>
  );
}
