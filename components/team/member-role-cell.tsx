"use client";

import type { MemberControls } from "./member-controls";
import { roleLabel } from "./member-display";
import type { MemberRowData } from "./member-rows";
import { RoleSelect } from "./role-select";

/** The role select when the actor may change it, else the role as text. */
export function MemberRoleCell({
  member,
  controls,
}: {
  member: Pick<MemberRowData, "name" | "role">;
  controls: MemberControls | null;
}) {
  if (!controls) return roleLabel(member.role);
  return (
    <RoleSelect
      memberName={member.name}
      role={member.role}
      roles={controls.grantable}
      onChange={controls.changeRole}
      disabled={controls.busy}
    />
  );
}
