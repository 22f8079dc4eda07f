import { createHash } from "node:crypto";
import { AppError } from "../errors";
import { consumeBudgets, rateLimiter, type Budget } from "../rate-limit/rate-limiter";

/** Sign-in links one address may be sent per 15 minutes, and one network address may ask for per hour. */
export const SIGN_IN_LINKS_PER_ADDRESS = 5;
export const SIGN_IN_LINKS_PER_IP = 30;

/**
 * Takes one sign-in link from the address's and the client's budgets; false
 * when either is spent. The caller answers exactly as when a link went out, so
 * the answer tells nothing about the address. Addresses are keyed by hash: the
 * rate_limits table holds no email addresses.
 */
export async function takeSignInLinkBudget(email: string, ip: string | null): Promise<boolean> {
  const budgets: Budget[] = [
    {
      limiter: rateLimiter("signin_email", SIGN_IN_LINKS_PER_ADDRESS, 15 * 60),
      key: createHash("sha256").update(email.trim().toLowerCase()).digest("hex"),
    },
  ];
  if (ip) budgets.push({ limiter: rateLimiter("signin_ip", SIGN_IN_LINKS_PER_IP, 3600), key: ip });
  try {
    await consumeBudgets(budgets, 1, () => "Too many sign-in links.");
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return false;
    throw error;
  }
}
