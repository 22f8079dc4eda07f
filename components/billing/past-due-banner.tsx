"use client";

import { AlertTriangleIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { openBillingPortal } from "@/lib/billing/billing-server-actions";

/**
 * On every settings page while a payment is overdue (past_due) or the plan is suspended: owners get
 * what to do and the Customer Portal; everyone else, who can fix it.
 */
export function PastDueBanner({
  workspaceId,
  status,
  isOwner,
}: {
  workspaceId: string;
  status: "past_due" | "suspended";
  isOwner: boolean;
}) {
  const [pending, setPending] = useState(false);
  const headline =
    status === "past_due"
      ? "A payment for this workspace failed."
      : "This workspace's plan is suspended because payments failed.";
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <AlertTriangleIcon aria-hidden="true" className="size-5 shrink-0" />
      <p className="min-w-0 flex-1">
        {headline}{" "}
        {isOwner
          ? "Update the payment method in the billing portal; Stripe retries the charge and the plan returns to active once it is paid."
          : "An owner can fix this on the Billing tab."}
      </p>
      {isOwner && (
        <div className="flex gap-2">
          <Button
            variant="secondary"
            disabled={pending}
            onClick={async () => {
              setPending(true);
              const result = await openBillingPortal({ workspaceId });
              if (!result.ok) {
                setPending(false);
                toast.error(result.message);
              } else window.location.assign(result.data.url);
            }}
          >
            {pending ? "Opening…" : "Update payment method"}
          </Button>
          <Link
            href={`/w/${workspaceId}/settings/billing`}
            className="inline-flex min-h-10 items-center rounded-lg px-3 font-medium underline underline-offset-4"
          >
            Billing tab
          </Link>
        </div>
      )}
    </div>
  );
}
