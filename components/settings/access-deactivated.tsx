import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import type { DeactivatedAccess } from "@/lib/access/load-workspace-page";

/** Shown instead of a workspace's pages to a member whose access was deactivated: what happened, whom to ask. */
export function AccessDeactivated({ access }: { access: DeactivatedAccess }) {
  return (
    <AuthCard title="Access deactivated">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Your access to <strong className="text-zinc-900 dark:text-zinc-100">{access.workspaceName}</strong> was
        deactivated. Your membership is kept, so an owner can reactivate it.
      </p>
      <p className="mt-3 text-sm">
        {access.ownerName ? (
          <>
            Ask <strong>{access.ownerName}</strong> (owner) to reactivate you.
          </>
        ) : (
          "Ask an owner of this workspace to reactivate you."
        )}
      </p>
      <div className="mt-6 flex flex-wrap gap-3 text-sm">
        <Link
          href="/"
          className="inline-flex min-h-10 items-center rounded-lg bg-brand-600 px-4 font-medium text-white hover:bg-brand-500"
        >
          Go to your workspaces
        </Link>
        <Link
          href="/sign-out"
          className="inline-flex min-h-10 items-center rounded-lg px-4 font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Sign out
        </Link>
      </div>
    </AuthCard>
  );
}
