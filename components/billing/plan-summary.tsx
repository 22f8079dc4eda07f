import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { BillingOverview } from "@/lib/billing/billing-overview";
import { PLANS } from "@/lib/billing/plans";
import { dateOf, daysUntil, inDays, moneyOf } from "./billing-format";

const STATUS_TONE: Record<string, BadgeTone> = {
  active: "good",
  trialing: "good",
  past_due: "bad",
  canceled: "neutral",
  suspended: "bad",
};

/** Plan, status, price, renewal or cancellation, trial and a scheduled downgrade. */
export function PlanSummary({ billing, now }: { billing: BillingOverview; now: number }) {
  const end = billing.currentPeriodEnd;
  const renewal = billing.cancelAtPeriodEnd
    ? `Cancels on ${dateOf.format(new Date(end))} (${inDays(daysUntil(end, now))}); the workspace then returns to the Free plan.`
    : billing.hasSubscription
      ? `Renews on ${dateOf.format(new Date(end))} (${inDays(daysUntil(end, now))}).`
      : `Usage resets on ${dateOf.format(new Date(end))} (${inDays(daysUntil(end, now))}).`;
  return (
    <Card aria-labelledby="plan-heading">
      <h2 id="plan-heading" className="text-lg font-semibold">
        Current plan
      </h2>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <span className="text-2xl font-bold">{billing.planName}</span>
        <Badge tone={STATUS_TONE[billing.planStatus] ?? "neutral"}>{billing.planStatus.replace("_", " ")}</Badge>
      </div>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {billing.planType === "enterprise"
          ? "By contract"
          : `${moneyOf(billing.priceMonthly, billing.currency)} per month`}
      </p>
      <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">Current period</dt>
          <dd>
            {dateOf.format(new Date(billing.currentPeriodStart))} – {dateOf.format(new Date(end))}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">Renewal</dt>
          <dd>{renewal}</dd>
        </div>
        {billing.trialEndsAt && (
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">Trial ends</dt>
            <dd>
              {dateOf.format(new Date(billing.trialEndsAt))} ({inDays(daysUntil(billing.trialEndsAt, now))})
            </dd>
          </div>
        )}
        {billing.scheduledPlanType && billing.scheduledPlanChangeAt && (
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">Scheduled change</dt>
            <dd>
              Moves to {PLANS[billing.scheduledPlanType].name} on{" "}
              {dateOf.format(new Date(billing.scheduledPlanChangeAt))}
            </dd>
          </div>
        )}
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">Billing email</dt>
          <dd className="break-all">
            {billing.billingEmail ?? "Not set (invoices go to the Stripe customer's email)"}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
