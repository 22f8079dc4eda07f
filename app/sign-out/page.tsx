import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { requireCurrentUser } from "@/lib/access/current-user";
import { signOutUser } from "@/lib/auth/auth-server-actions";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const user = await requireCurrentUser("/sign-out");
  return (
    <AuthCard title="Sign out">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        You are signed in as <strong className="text-zinc-900 dark:text-zinc-100">{user.email}</strong>.
      </p>
      <form action={signOutUser} className="mt-6 flex flex-wrap gap-3">
        <Button type="submit">Sign out</Button>
        <Link
          href="/"
          className="inline-flex min-h-10 items-center rounded-lg px-4 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Cancel
        </Link>
      </form>
    </AuthCard>
  );
}
