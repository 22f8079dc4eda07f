import type { KeyScope } from "@/lib/access/permissions";

/** What each scope lets a key do, as the Create dialog explains it (docs/decisions/008-api-keys-and-scopes.md). */
export const SCOPE_HELP: Record<KeyScope, string> = {
  read: "Read team, billing, integrations and audit log — never secrets",
  "team:write": "Invite members, change their roles, deactivate and remove them",
  "integrations:write": "Add, change and remove integrations",
  "usage:write": "Report usage (traces) for billing",
  "events:write": "Publish alert events",
};

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** "Jan 5, 2027" (UTC, so the server and the browser agree). */
export const formatDay = (iso: string) => day.format(new Date(iso));

/** The prefix a list shows: the first characters of the key, then "…" for the rest nobody sees again. */
export const shownPrefix = (prefix: string) => `${prefix}…`;

/**
 * The "Expires" date field (YYYY-MM-DD) as the action takes it: the end of that day in UTC, or null
 * for a key that never expires.
 */
export function expiryOf(date: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T23:59:59Z` : null;
}
