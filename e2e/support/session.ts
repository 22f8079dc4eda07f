import type { BrowserContext } from "@playwright/test";
import { createSessionToken } from "./db";

/** Signs a browser context in as a user by giving it a real database session cookie. */
export async function signInAs(context: BrowserContext, baseURL: string, userId: string): Promise<void> {
  const token = await createSessionToken(userId);
  const { hostname } = new URL(baseURL);
  await context.addCookies([
    { name: "authjs.session-token", value: token, domain: hostname, path: "/", httpOnly: true, sameSite: "Lax" },
  ]);
}
