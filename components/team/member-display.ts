import { ROLES, type Role } from "@/lib/access/permissions";
import type { MemberView } from "@/lib/team/list-members";
import { refuseGrant } from "@/lib/team/role-rules";

/** How a member is named in the UI: their name once they joined, else the address. */
export const displayName = (member: Pick<MemberView, "name" | "email">): string => member.name ?? member.email;

export const roleLabel = (role: Role): string => role[0]!.toUpperCase() + role.slice(1);

/** The roles an actor may grant (lib/team/role-rules.ts decides; the server checks again). */
export const grantableRoles = (actorRole: Role): Role[] =>
  ROLES.filter((role) => refuseGrant(actorRole, role) === null);

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
export const formatDay = (iso: string): string => day.format(new Date(iso));
