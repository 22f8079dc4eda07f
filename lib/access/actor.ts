import { AppError } from "../errors";
import type { KeyScope, Role } from "./permissions";
import type { SessionUser } from "./session-user";

/** An API key acting in its workspace (docs/decisions/008-api-keys-and-scopes.md). */
export interface KeyPrincipal {
  id: string;
  name: string;
  /** `obs_live_ab12`: enough to recognise the key, never to use it. */
  prefix: string;
  scopes: KeyScope[];
  /** Who created the key (null if that user was deleted since). */
  createdBy: string | null;
}

/**
 * Who is acting in a workspace request: a signed-in member, or an API key. `role` is the member's
 * role, or for a key the role its creator had when creating it (a key never acts above it).
 */
export type Actor =
  { kind: "member"; role: Role; memberId: string; user: SessionUser } | { kind: "key"; role: Role; key: KeyPrincipal };

/** The user to record in `updated_by`-style columns: the member's, none for a key. */
export const actorUserId = (actor: Actor): string | null => (actor.kind === "member" ? actor.user.id : null);

/** How the actor reads in emails and messages: a person's name or address, or the key's name and prefix. */
export const actorLabel = (actor: Actor): string =>
  actor.kind === "member" ? (actor.user.name ?? actor.user.email) : keyLabel(actor.key);

export const keyLabel = (key: { name: string; prefix: string }) => `API key "${key.name}" (${key.prefix}…)`;

/** The acting member's id; a key is refused (for what only a person does, such as leaving). */
export function memberIdOf(actor: Actor): string {
  if (actor.kind !== "member") throw new AppError("forbidden", "An API key cannot do this; sign in instead.");
  return actor.memberId;
}

/** One caller's stable identity, e.g. for Idempotency-Key storage and rate limits: `user:<id>` or `key:<id>`. */
export const principalOf = (actor: Actor): string =>
  actor.kind === "member" ? `user:${actor.user.id}` : `key:${actor.key.id}`;
