import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { AcceptInvitationButton } from "@/components/team/accept-invitation-button";
import { currentUser } from "@/lib/access/current-user";
import { readPool } from "@/lib/db/read-pool";
import { readInvitation } from "@/lib/team/accept-invitation";
import { sameAddress } from "@/lib/team/invitation-token";

export const metadata: Metadata = { title: "Invitation" };

const CLOSED = {
  unknown: [
    "This invitation link is not valid",
    "It may have been re-sent (only the newest link works) or mistyped. Ask for a new invitation.",
  ],
  revoked: [
    "This invitation is no longer valid",
    "It was revoked, or the membership was removed. Ask an admin of the workspace if you need access.",
  ],
  used: ["This invitation was already used", "Sign in to open the workspace."],
  expired: ["This invitation has expired", "Invitations work for 7 days. Ask an admin of the workspace to resend it."],
} as const;

/** The invitation link. Works signed out (sign in to the invited address, then join). */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await currentUser();
  // Accepting crosses workspaces: read by the token's hash on the read pool (no RLS), in one statement.
  const invitation = await readInvitation(readPool(), token);

  if (invitation.state !== "pending") {
    const [title, body] = CLOSED[invitation.state];
    return (
      <AuthCard title={title}>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{body}</p>
        <p className="mt-6 text-sm">
          <Link className="underline" href="/">
            Go to the app
          </Link>
        </p>
      </AuthCard>
    );
  }

  const summary = (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      {invitation.invitedBy ?? "Someone"} invited{" "}
      <strong className="text-zinc-900 dark:text-zinc-100">{invitation.email}</strong> to join{" "}
      <strong className="text-zinc-900 dark:text-zinc-100">{invitation.workspaceName}</strong> as {invitation.role}.
    </p>
  );

  if (!user) {
    return (
      <AuthCard title={`Join ${invitation.workspaceName}`}>
        {summary}
        <p className="mt-4 text-sm">Sign in as {invitation.email} to accept. We email you a sign-in link.</p>
        <div className="mt-4">
          <SignInForm callbackUrl={`/invitations/${token}`} defaultEmail={invitation.email} />
        </div>
      </AuthCard>
    );
  }

  if (!sameAddress(user.email, invitation.email)) {
    return (
      <AuthCard title="This invitation is for someone else">
        {summary}
        <p
          role="alert"
          className="mt-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          You are signed in as {user.email}. Sign out and sign in as {invitation.email} to accept it.
        </p>
        <p className="mt-6 text-sm">
          <Link className="underline" href="/sign-out">
            Sign out
          </Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={`Join ${invitation.workspaceName}`}>
      {summary}
      <div className="mt-6">
        <AcceptInvitationButton token={token} workspaceName={invitation.workspaceName} />
      </div>
    </AuthCard>
  );
}
