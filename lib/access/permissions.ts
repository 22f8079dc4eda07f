/**
 * The permission table (docs/architecture.md, "Roles and permissions"): the one place that says what each role
 * may do. The server enforces it in `withWorkspace`; the UI uses `can` to hide
 * what a role cannot do.
 */
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const ALL: readonly Role[] = ROLES;
const MANAGERS: readonly Role[] = ["owner", "admin"];
const OWNERS: readonly Role[] = ["owner"];

// Only permissions something checks are listed (the access matrix fails on an unused one):
// the Integrations and Billing tabs add "integrations:manage" (owners, admins) and
// "billing:manage" (owners) with the actions that need them (docs/architecture.md).
export const PERMISSIONS = {
  /** See team and integrations (never secrets). */
  "workspace:read": ALL,
  /** Invite, resend, revoke; change roles; remove, restore. */
  "team:manage": MANAGERS,
  /** See billing and usage. */
  "billing:read": MANAGERS,
  /** Transfer ownership; delete the workspace. */
  "workspace:own": OWNERS,
  /** See the audit log. */
  "audit:read": MANAGERS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Role rank: owner 3 … viewer 0. Nobody acts on or grants above their own rank. */
export function rankOf(role: Role): number {
  return ROLES.length - 1 - ROLES.indexOf(role);
}
