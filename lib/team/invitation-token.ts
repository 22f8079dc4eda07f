import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Invitations expire this long after they are sent (or re-sent). */
export const INVITATION_TTL_MS = 7 * 86_400_000;

/** 32 random bytes, base64url (43 characters): goes into the link, never into the database. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashInvitationToken(token) };
}

/** SHA-256 hex: the only form of the token that is stored. */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatchesHash(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashInvitationToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export function invitationUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/$/, "")}/invitations/${token}`;
}

/** Whether two email addresses are the same (case-insensitive), compared in constant time. */
export function sameAddress(a: string, b: string): boolean {
  const x = Buffer.from(hashInvitationToken(a.trim().toLowerCase()), "hex");
  const y = Buffer.from(hashInvitationToken(b.trim().toLowerCase()), "hex");
  return timingSafeEqual(x, y);
}
