import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Button } from "@/components/ui/button";
import { currentUser } from "@/lib/access/current-user";
import { signInWithGitHub } from "@/lib/auth/auth-server-actions";
import { githubEnabled } from "@/lib/auth/auth";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { emailDelivery } from "@/lib/email/send-email";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  AccessDenied: "You do not have access with that account.",
  Configuration: "Sign-in is not configured correctly on this server.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const error = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;
  const delivery = emailDelivery();
  return (
    <AuthCard title="Sign in">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        We email you a link that signs you in. No password needed.
      </p>
      {params.signedOut && (
        <p
          role="status"
          className="mt-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        >
          You are signed out.
        </p>
      )}
      {error && (
        <p
          role="alert"
          className="mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {error}
        </p>
      )}
      <div className="mt-4">
        <SignInForm callbackUrl={callbackUrl} defaultEmail={params.email} />
      </div>
      {delivery === "dev-mailbox" && (
        <p className="mt-4 text-xs text-zinc-600 dark:text-zinc-400">
          Development: no SMTP server is set, so links go to the{" "}
          <Link className="underline" href="/dev/mailbox">
            development mailbox
          </Link>{" "}
          and the console.
        </p>
      )}
      {githubEnabled && (
        <form action={signInWithGitHub} className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button type="submit" variant="secondary" className="w-full">
            Continue with GitHub
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
