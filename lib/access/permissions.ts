/**
 * The permission table (docs/architecture.md, "Roles and permissions"): the one place that says what each role
 * — and each API key scope (docs/decisions/008-api-keys-and-scopes.md) — may do. The server enforces it in
 * the chokepoint (`withWorkspace`, `readWorkspace`); the UI uses `can` to hide what a role cannot do.
 */
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const ALL: readonly Role[] = ROLES;
const MANAGERS: readonly Role[] = ["owner", "admin"];
const OWNERS: readonly Role[] = ["owner"];
/** For what only an API key does (reporting usage, publishing alerts): no person's role. */
const KEYS_ONLY: readonly Role[] = [];

// Only permissions something checks are listed (the access matrix fails on an unused one).
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
  /** Change the plan, payment or cancellation (the Billing issue's writes). */
  "billing:manage": OWNERS,
  /** Add, change and remove integrations (the Integrations issue's writes). */
  "integrations:manage": MANAGERS,
  /** See the workspace's API keys (never their secrets). */
  "api_keys:read": MANAGERS,
  /** Create and revoke API keys. */
  "api_keys:manage": MANAGERS,
  /** Report usage (POST …/usage): API keys only. */
  "usage:report": KEYS_ONLY,
  /** Publish alert events (POST …/events): API keys only. */
  "events:publish": KEYS_ONLY,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** What an API key may be given (docs/decisions/008-api-keys-and-scopes.md). */
export const KEY_SCOPES = ["read", "team:write", "integrations:write", "usage:write", "events:write"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/**
 * The scope that lets a key use each permission; null: never a key (plan, payment and ownership
 * changes; minting or revoking keys). Every permission must say.
 */
export const SCOPE_FOR_PERMISSION = {
  "workspace:read": "read",
  "team:manage": "team:write",
  "billing:read": "read",
  "workspace:own": null,
  "audit:read": "read",
  "billing:manage": null,
  "integrations:manage": "integrations:write",
  "api_keys:read": "read",
  "api_keys:manage": null,
  "usage:report": "usage:write",
  "events:publish": "events:write",
} as const satisfies Record<Permission, KeyScope | null>;

/**
 * Whether a key with `scopes`, created by someone whose role was `creatorRole`, may use `permission`:
 * the scope must grant it, and the creator's role must have it (unless only keys do it).
 */
export function keyCan(scopes: readonly string[], creatorRole: Role, permission: Permission): boolean {
  const scope = SCOPE_FOR_PERMISSION[permission];
  if (!scope || !scopes.includes(scope)) return false;
  const roles = PERMISSIONS[permission] as readonly Role[];
  return roles.length === 0 || roles.includes(creatorRole);
}

/**
 * Whether `role` may put `scope` on a new key: the role must have every permission the scope grants
 * (a key never exceeds its creator's role), and be able to manage keys at all.
 */
export function canGrantScope(role: Role, scope: KeyScope): boolean {
  if (!can(role, "api_keys:manage")) return false;
  return (Object.keys(SCOPE_FOR_PERMISSION) as Permission[])
    .filter((permission) => SCOPE_FOR_PERMISSION[permission] === scope)
    .every((permission) => PERMISSIONS[permission].length === 0 || can(role, permission));
}

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
