"use server";

import { AuthError } from "next-auth";
import { fieldErrorsOf } from "../errors";
import { EmailNotConfiguredError } from "../email/send-email";
import { logger } from "../logger";
import { signIn, signOut } from "./auth";
import { safeRedirectPath } from "./safe-redirect";
import { signInSchema } from "./sign-in-schema";

export interface SignInFormState {
  error?: string;
  fieldErrors?: Record<string, string[]>;
  email?: string;
}

/** Sign-in form: emails a magic link, then shows "check your email". Public by nature. */
export async function requestMagicLink(_previous: SignInFormState, formData: FormData): Promise<SignInFormState> {
  const parsed = signInSchema.safeParse({
    email: formData.get("email") ?? undefined,
    callbackUrl: formData.get("callbackUrl") || undefined,
  });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), email: String(formData.get("email") ?? "") };
  try {
    await signIn("nodemailer", { email: parsed.data.email, redirectTo: safeRedirectPath(parsed.data.callbackUrl) });
  } catch (error) {
    if (error instanceof AuthError) {
      const cause = (error.cause as { err?: unknown } | undefined)?.err;
      if (cause instanceof EmailNotConfiguredError) return { error: cause.message, email: parsed.data.email };
      logger.warn({ type: error.type }, "magic link request failed");
      return { error: "We could not send the sign-in link. Try again in a moment.", email: parsed.data.email };
    }
    throw error; // Next's redirect to the "check your email" page
  }
  return {};
}

export async function signInWithGitHub(formData: FormData): Promise<void> {
  await signIn("github", { redirectTo: safeRedirectPath(String(formData.get("callbackUrl") ?? "")) });
}

export async function signOutUser(): Promise<void> {
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
