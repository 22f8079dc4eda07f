import "server-only";
import { redirect } from "next/navigation";
import { systemDb } from "../db/prisma";
import { currentRequestContext } from "./next-request-context";
import { sessionUser, type SessionUser } from "./session-user";

/** The signed-in user of this request, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  // Read the request first: it marks the page dynamic before any database access.
  const { sessionToken } = await currentRequestContext();
  return sessionUser(systemDb(), sessionToken);
}

/** The signed-in user, or a redirect to sign in (and back to `returnTo`). */
export async function requireCurrentUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
