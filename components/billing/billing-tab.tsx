"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { toast } from "sonner";
import { Card } from "@/components/ui/card";
import type { BillingOverview } from "@/lib/billing/billing-overview";
import { BillingEmailForm } from "./billing-email-form";
import { PlanComparison } from "./plan-comparison";
import { PlanSummary } from "./plan-summary";
import { SubscriptionControls } from "./subscription-controls";
import { UsageChart } from "./usage-chart";
import { UsagePanel } from "./usage-panel";

/** How often usage refreshes while the tab is visible (TanStack Query pauses it when hidden). */
export const BILLING_POLL_MS = 5_000;

async function fetchBilling(workspaceId: string): Promise<BillingOverview> {
  const response = await fetch(`/api/workspaces/${workspaceId}/billing`, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`Billing could not be refreshed (HTTP ${response.status}).`);
  return ((await response.json()) as { data: BillingOverview }).data;
}

/**
 * The Billing tab: plan, usage and chart refresh live (polling while visible, no page reload), so a
 * Stripe event or usage reported through the API shows up by itself. Owners get the plan controls.
 */
export function BillingTab({
  workspaceId,
  initial,
  canManage,
  paymentsOffMessage,
  serverNow,
}: {
  workspaceId: string;
  initial: BillingOverview;
  canManage: boolean;
  /** Set while STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET are missing. */
  paymentsOffMessage: string | null;
  serverNow: number;
}) {
  const queryClient = useQueryClient();
  const queryKey = ["billing", workspaceId];
  const { data: billing = initial } = useQuery({
    queryKey,
    queryFn: () => fetchBilling(workspaceId),
    initialData: initial,
    refetchInterval: BILLING_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey });
  useCheckoutReturnToast();
  const paymentsOn = paymentsOffMessage === null;

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {paymentsOffMessage && (
        <p
          role="status"
          className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 lg:col-span-2 dark:bg-amber-950 dark:text-amber-200"
        >
          {paymentsOffMessage}
        </p>
      )}
      <div className="grid gap-4">
        <PlanSummary billing={billing} now={serverNow} />
        {canManage && paymentsOn && (
          <Card aria-label="Subscription" className="grid gap-4">
            <SubscriptionControls workspaceId={workspaceId} billing={billing} onChanged={refresh} />
            <BillingEmailForm workspaceId={workspaceId} billingEmail={billing.billingEmail} onChanged={refresh} />
          </Card>
        )}
      </div>
      <UsagePanel billing={billing} />
      <UsageChart
        dailyUsage={billing.dailyUsage}
        periodStart={billing.currentPeriodStart}
        periodEnd={billing.currentPeriodEnd}
        now={serverNow}
        used={billing.meters.traces.used}
        forecast={billing.forecastTraces}
      />
      {billing.planType !== "enterprise" && (
        <PlanComparison
          workspaceId={workspaceId}
          currentPlan={billing.planType}
          canManage={canManage}
          paymentsOn={paymentsOn}
          onChanged={refresh}
        />
      )}
    </div>
  );
}

/** Back from Stripe Checkout: say what happened, then drop the marker from the URL. */
function useCheckoutReturnToast() {
  const params = useSearchParams();
  const router = useRouter();
  const outcome = params.get("checkout");
  useEffect(() => {
    if (!outcome) return;
    if (outcome === "success")
      toast.success("Checkout complete. The plan changes here as soon as Stripe confirms the subscription.");
    else if (outcome === "canceled") toast.info("Checkout canceled; nothing was charged and the plan is unchanged.");
    router.replace(window.location.pathname, { scroll: false });
  }, [outcome, router]);
}
