import type { Role } from "@/lib/access/permissions";
import type { MemberView } from "@/lib/team/list-members";
import { packMemberRow } from "./member-rows";
import { MembersTable } from "./members-table";

/**
 * The members (joined people; invitations are listed separately). Runs on the server: the browser
 * gets only what the table shows of each member (member-rows.ts), and the clock to say "3 hours ago" by.
 */
export function TeamMembers({
  workspaceId,
  members,
  actorRole,
  actorMemberId,
}: {
  workspaceId: string;
  members: MemberView[];
  actorRole: Role;
  actorMemberId: string;
}) {
  // Rendered once per request, so reading the clock here is intended.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  return (
    <MembersTable
      workspaceId={workspaceId}
      members={members.map(packMemberRow)}
      actorRole={actorRole}
      actorMemberId={actorMemberId}
      now={now}
    />
  );
}
