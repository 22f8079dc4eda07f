import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { emailDelivery } from "@/lib/email/send-email";

export const metadata: Metadata = { title: "Check your email" };
// How email is delivered is decided at run time, not at build time.
export const dynamic = "force-dynamic";

export default function CheckEmailPage() {
  return (
    <AuthCard title="Check your email">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        We sent you a sign-in link. It works once and expires in 24 hours. You can close this tab.
      </p>
      {emailDelivery() === "dev-mailbox" && (
        <p className="mt-4 text-sm">
          Development:{" "}
          <Link className="font-medium underline" href="/dev/mailbox">
            open the development mailbox
          </Link>
          .
        </p>
      )}
      <p className="mt-6 text-sm">
        <Link className="underline" href="/sign-in">
          Use another address
        </Link>
      </p>
    </AuthCard>
  );
}
