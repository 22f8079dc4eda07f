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
  const session = await db.session.findUnique({
    where: { sessionToken },
    select: { expires: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!session || session.expires.getTime() <= Date.now()) return null;
  return session.user;
}
