import { AppError } from "../errors";
import type { KeyPrincipal } from "./actor";
import { PERMISSIONS, SCOPE_FOR_PERMISSION, type Permission, type Role } from "./permissions";

/** Refusals worded for a script holding an API key, not for a person in a browser. */
export const keyUnauthorized = () =>
  new AppError(
    "unauthorized",
    "This API key is not valid, or was revoked or has expired. Send a live key as Authorization: Bearer obs_live_….",
  );

/** A REST request with neither a session nor a key. */
export const restUnauthorized = () =>
  new AppError("unauthorized", "Sign in, or send an API key as Authorization: Bearer obs_live_….");

export function keyForbidden(actor: { role: Role; key: KeyPrincipal }, permission: Permission): AppError {
  const scope = SCOPE_FOR_PERMISSION[permission];
  if (!scope) return new AppError("forbidden", "API keys cannot do this; an owner or admin must do it signed in.");
  if (!actor.key.scopes.includes(scope)) {
    return new AppError("forbidden", `This API key does not have the “${scope}” scope this needs.`);
  }
  const roles = PERMISSIONS[permission] as readonly Role[];
  return new AppError(
    "forbidden",
    `This API key was created by someone with the ${actor.role} role, which cannot do this (needs ${roles.join(" or ")}).`,
  );
}
