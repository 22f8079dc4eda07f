import type { Role } from "@/lib/access/permissions";
import type { MemberActionKind } from "./member-actions-menu";

/** What a row or card may offer for one member; null when the actor may not act on them (self, higher role, no permission). */
export interface MemberControls {
  actorRole: Role;
  grantable: Role[];
  changeRole: (role: Role) => void;
  act: (kind: MemberActionKind) => void;
  busy: boolean;
}
