import type { MemberView } from "@/lib/team/list-members";
import { displayName } from "./member-display";
import { RemovedMemberList } from "./removed-member-list";

/** Removed members, restorable by owners and admins; the browser gets only what the list shows. */
export function RemovedMembers({
  workspaceId,
  removed,
  canRestore,
}: {
  workspaceId: string;
  removed: MemberView[];
  canRestore: boolean;
}) {
  if (removed.length === 0) return null;
  return (
    <RemovedMemberList
      workspaceId={workspaceId}
      removed={removed.map((m) => ({ id: m.id, name: displayName(m), role: m.role, removedAt: m.removedAt }))}
      canRestore={canRestore}
    />
  );
}
