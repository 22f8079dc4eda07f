import { can, rankOf, type Role } from "../access/permissions";

/**
 * The member rules (docs/architecture.md, "Roles and permissions"), as pure functions: each returns
 * null when allowed, or the message that explains the refusal.
 *  - Only owners and admins manage members.
 *  - Nobody acts on a member whose role is above their own.
 *  - Nobody grants a role above their own; only owners make or unmake owners.
 * "At least one active owner" needs the database and lives in owner-guard.ts; the member limit in seat-limit.ts.
 */
export function refuseActOn(actor: Role, target: Role): string | null {
  if (!can(actor, "team:manage")) return "Only owners and admins can manage members.";
  if (target === "owner" && actor !== "owner") return "Only owners can change or remove an owner.";
  if (rankOf(target) > rankOf(actor)) return `An ${actor} cannot act on an ${target}.`;
  return null;
}

export function refuseGrant(actor: Role, role: Role): string | null {
  if (!can(actor, "team:manage")) return "Only owners and admins can manage members.";
  if (role === "owner" && actor !== "owner") return "Only owners can make someone an owner.";
  if (rankOf(role) > rankOf(actor)) return `An ${actor} cannot grant the ${role} role.`;
  return null;
}

export function refuseRoleChange(actor: Role, target: Role, role: Role): string | null {
  return refuseActOn(actor, target) ?? refuseGrant(actor, role);
}
