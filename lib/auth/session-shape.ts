import type { Session } from "next-auth";

interface UserRow {
  id: string;
  email: string;
  name?: string | null;
  image?: string | null;
}

/**
 * The session the app exposes: identity from the user row, nothing else.
 * A client's session update (Auth.js `update()`) cannot change it: the
 * callback never reads what the client sent, and carries no role or
 * workspace (those are read from the database on every request).
 */
export function sessionFromUser(session: { expires: Session["expires"] }, user: UserRow): Session {
  return {
    expires: session.expires,
    user: { id: user.id, email: user.email, name: user.name ?? null, image: user.image ?? null },
  };
}
