"use client";

import type { MemberView } from "@/lib/team/list-members";
import type { MemberControls } from "./member-controls";
import { displayName, roleLabel } from "./member-display";
import { RoleSelect } from "./role-select";

/** The role select when the actor may change it, else the role as text. */
export function MemberRoleCell({ member, controls }: { member: MemberView; controls: MemberControls | null }) {
  if (!controls) return <span>{roleLabel(member.role)}</span>;
  return (
    <RoleSelect
      memberName={displayName(member)}
      role={member.role}
      roles={controls.grantable}
      onChange={controls.changeRole}
      disabled={controls.busy}
    />
  );
}
