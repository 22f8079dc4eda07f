"use client";

import { CreditCardIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { BillingOverview } from "@/lib/billing/billing-overview";
import { openBillingPortal, updateBilling } from "@/lib/billing/billing-server-actions";
import { dateOf } from "./billing-format";

/** "Manage billing" (Stripe's Customer Portal) and "Cancel plan" / "Resume plan", for owners. */
export function SubscriptionControls({
  workspaceId,
  billing,
  onChanged,
}: {
  workspaceId: string;
  billing: BillingOverview;
  onChanged: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState<"portal" | "cancel" | null>(null);
  const end = dateOf.format(new Date(billing.currentPeriodEnd));

  const portal = async () => {
    setPending("portal");
    const result = await openBillingPortal({ workspaceId });
    if (!result.ok) {
      setPending(null);
      toast.error(result.message);
      return;
    }
    window.location.assign(result.data.url);
  };

  const setCancel = async (cancel: boolean) => {
    setPending("cancel");
    const result = await updateBilling({ workspaceId, cancelAtPeriodEnd: cancel });
    setPending(null);
    setConfirming(false);
    if (!result.ok) toast.error(result.message);
    else {
      toast.success(cancel ? `The plan cancels on ${end}.` : "The plan renews as usual.");
      onChanged();
    }
  };

  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" disabled={!billing.hasCustomer || pending !== null} onClick={portal}>
        <CreditCardIcon aria-hidden="true" className="size-4" />
        {pending === "portal" ? "Opening…" : "Manage billing"}
      </Button>
      {billing.hasSubscription &&
        (billing.cancelAtPeriodEnd ? (
          <Button variant="secondary" disabled={pending !== null} onClick={() => setCancel(false)}>
            {pending === "cancel" ? "Resuming…" : "Resume plan"}
          </Button>
        ) : (
          <Button variant="secondary" disabled={pending !== null} onClick={() => setConfirming(true)}>
            Cancel plan
          </Button>
        ))}
      {!billing.hasCustomer && (
        <p className="w-full text-sm text-zinc-600 dark:text-zinc-400">
          Payment methods and invoices appear here once you choose a paid plan.
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Cancel the ${billing.planName} plan?`}
        confirmLabel="Cancel plan"
        variant="destructive"
        pending={pending === "cancel"}
        onConfirm={() => setCancel(true)}
        description={
          <p>
            The plan stays active until {end}. Then the workspace returns to the Free plan&apos;s limits (10,000 traces
            a month, 3 members, 2 API keys). You can resume any time before then.
          </p>
        }
      />
    </div>
  );
}
