import type { Db } from "../db/prisma";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

/** Longer values are not session tokens; they are refused without a database read. */
export const MAX_SESSION_TOKEN_LENGTH = 512;

/**
 * The user behind a database session token, or null when the token is
 * missing, unknown or expired. Read on every request, so signing out or an
 * expired session takes effect at once. (Auth path: system client.)
 */
export async function sessionUser(db: Db, sessionToken: string | null): Promise<SessionUser | null> {
  if (!sessionToken || sessionToken.length > MAX_SESSION_TOKEN_LENGTH) return null;
  // One statement (Prisma would load the session and its user separately).
  const [user] = await db.$queryRaw<SessionUser[]>`
    SELECT u.id, u.email, u.name FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.session_token = ${sessionToken} AND s.expires > now()`;
  return user ?? null;
}
