"use client";

import { CheckIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { PlanChangePreview } from "@/lib/billing/plan-change-preview";
import { PLANS, SELF_SERVE_PLANS, type PlanType } from "@/lib/billing/plans";
import { changePlan, previewPlanChange } from "@/lib/billing/billing-server-actions";
import { count, dateOf, moneyOf } from "./billing-format";

const limitOf = (n: number | null, unit: string) => (n === null ? `Unlimited ${unit}` : `${count.format(n)} ${unit}`);

/**
 * The plan table with "Choose <plan>" for owners. Before anything changes the owner confirms, and a
 * downgrade first lists what would be over the new plan's limits and what happens to each.
 */
export function PlanComparison({
  workspaceId,
  currentPlan,
  canManage,
  paymentsOn,
  onChanged,
}: {
  workspaceId: string;
  currentPlan: PlanType;
  canManage: boolean;
  paymentsOn: boolean;
  onChanged: () => void;
}) {
  const [preview, setPreview] = useState<PlanChangePreview | null>(null);
  const [pending, setPending] = useState<PlanType | null>(null);

  const choose = async (plan: PlanType) => {
    setPending(plan);
    const result = await previewPlanChange({ workspaceId, plan });
    setPending(null);
    if (!result.ok) toast.error(result.message);
    else setPreview(result.data);
  };

  const confirm = async () => {
    if (!preview) return;
    setPending(preview.to);
    const result = await changePlan({ workspaceId, plan: preview.to });
    if (!result.ok) {
      setPending(null);
      toast.error(result.message);
      return;
    }
    if (result.data.kind === "checkout") {
      toast.info("Opening Stripe Checkout…");
      window.location.assign(result.data.url);
      return;
    }
    setPending(null);
    setPreview(null);
    if (result.data.kind === "changed") toast.success(`You are now on the ${PLANS[result.data.plan].name} plan.`);
    else
      toast.success(
        `${PLANS[result.data.plan].name} starts on ${dateOf.format(new Date(result.data.at))}; until then nothing changes.`,
      );
    onChanged();
  };

  return (
    <section aria-labelledby="plans-heading" className="lg:col-span-2">
      <h2 id="plans-heading" className="text-lg font-semibold">
        Plans
      </h2>
      {canManage && !paymentsOn && (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Plan changes are off until payments are set up.</p>
      )}
      {!canManage && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Only owners can change the plan.</p>}
      <ul className="mt-3 grid gap-4 md:grid-cols-3">
        {SELF_SERVE_PLANS.map((type) => {
          const plan = PLANS[type];
          const current = type === currentPlan;
          return (
            <li key={type}>
              <Card className={`flex h-full flex-col ${current ? "ring-2 ring-brand-500" : ""}`}>
                <h3 className="font-semibold">{plan.name}</h3>
                <p className="mt-1 text-2xl font-bold">
                  {moneyOf(plan.priceMonthly ?? 0)}
                  <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400"> / month</span>
                </p>
                <ul className="mt-3 grid flex-1 gap-1 text-sm">
                  {[
                    limitOf(plan.tracesPerMonth, "traces a month"),
                    limitOf(plan.members, "team members"),
                    limitOf(plan.apiKeys, "API keys"),
                    plan.overagePer1k === null
                      ? "Hard limit: no overage"
                      : `Overage ${moneyOf(plan.overagePer1k)} per 1,000 traces`,
                  ].map((line) => (
                    <li key={line} className="flex gap-2">
                      <CheckIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-brand-500" />
                      {line}
                    </li>
                  ))}
                </ul>
                {canManage && (
                  <Button
                    className="mt-4"
                    variant={current ? "secondary" : "primary"}
                    disabled={current || !paymentsOn || pending !== null}
                    aria-label={current ? `${plan.name} is your current plan` : `Choose ${plan.name}`}
                    onClick={() => choose(type)}
                  >
                    {current ? "Current plan" : pending === type ? "Checking…" : `Choose ${plan.name}`}
                  </Button>
                )}
              </Card>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={preview !== null}
        onOpenChange={(open) => !open && setPreview(null)}
        title={preview ? `Move to ${PLANS[preview.to].name}?` : ""}
        confirmLabel={
          preview?.viaCheckout
            ? "Continue to Checkout"
            : preview?.direction === "downgrade"
              ? "Confirm downgrade"
              : "Continue"
        }
        variant={preview?.direction === "downgrade" && !preview.viaCheckout ? "destructive" : "default"}
        pending={pending !== null}
        onConfirm={confirm}
        description={preview ? <PreviewText preview={preview} /> : null}
      />
    </section>
  );
}

function PreviewText({ preview }: { preview: PlanChangePreview }) {
  const to = PLANS[preview.to];
  return (
    <div className="grid gap-3 text-sm">
      <p>
        {preview.viaCheckout
          ? `You pay for ${to.name} on Stripe Checkout; it starts as soon as Stripe confirms the payment, with a new monthly period.`
          : preview.direction === "upgrade"
            ? `${to.name} applies now; Stripe charges the prorated difference for the rest of this period.`
            : `${to.name} starts when this period ends, on ${dateOf.format(new Date(preview.effectiveAt))}. Until then nothing changes.`}
      </p>
      {preview.overLimits.length > 0 ? (
        <div>
          <p className="font-medium">Over the {to.name} plan&apos;s limits:</p>
          <ul aria-label="Over the new plan's limits" className="mt-1 grid gap-2">
            {preview.overLimits.map((item) => (
              <li key={item.resource}>
                <span className="font-medium">
                  {item.label}: {count.format(item.current)} of {count.format(item.limit)}.
                </span>{" "}
                {item.consequence}
              </li>
            ))}
          </ul>
        </div>
      ) : preview.direction === "downgrade" && !preview.viaCheckout ? (
        <p>Everything in use today fits the {to.name} plan.</p>
      ) : null}
    </div>
  );
}
