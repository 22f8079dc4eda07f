import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Meter } from "@/components/ui/meter";
import type { BillingOverview } from "@/lib/billing/billing-overview";

const STATUS_TONE: Record<string, BadgeTone> = {
  active: "good",
  trialing: "good",
  past_due: "bad",
  canceled: "neutral",
  suspended: "bad",
};
const date = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export function PlanSummary({ billing }: { billing: BillingOverview }) {
  const money = new Intl.NumberFormat("en-US", { style: "currency", currency: billing.currency.toUpperCase() });
  const peak = Math.max(1, ...billing.dailyUsage.map((d) => d.traces));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card aria-labelledby="plan-heading">
        <h2 id="plan-heading" className="text-lg font-semibold">
          Current plan
        </h2>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <span className="text-2xl font-bold">{billing.planName}</span>
          <Badge tone={STATUS_TONE[billing.planStatus] ?? "neutral"}>{billing.planStatus.replace("_", " ")}</Badge>
        </div>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {billing.planType === "enterprise" ? "By contract" : `${money.format(billing.priceMonthly)} per month`}
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-3 text-sm">
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">Current period</dt>
            <dd>
              {date.format(new Date(billing.currentPeriodStart))} – {date.format(new Date(billing.currentPeriodEnd))}
            </dd>
          </div>
          {billing.trialEndsAt && (
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Trial ends</dt>
              <dd>{date.format(new Date(billing.trialEndsAt))}</dd>
            </div>
          )}
          {billing.cancelAtPeriodEnd && (
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Renewal</dt>
              <dd>Cancels at period end</dd>
            </div>
          )}
        </dl>
      </Card>
      <Card aria-labelledby="usage-heading">
        <h2 id="usage-heading" className="text-lg font-semibold">
          Usage this period
        </h2>
        <div className="mt-4 grid gap-4">
          <Meter label="Traces" used={billing.meters.traces.used} limit={billing.meters.traces.limit} />
          <Meter label="Team members" used={billing.meters.teamMembers.used} limit={billing.meters.teamMembers.limit} />
          <Meter label="API keys" used={billing.meters.apiKeys.used} limit={billing.meters.apiKeys.limit} />
        </div>
      </Card>
      <Card aria-labelledby="daily-heading" className="lg:col-span-2">
        <h2 id="daily-heading" className="text-lg font-semibold">
          Daily traces
        </h2>
        {billing.dailyUsage.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No traces recorded this period yet.</p>
        ) : (
          <ol aria-label="Traces per day" className="mt-4 flex h-32 items-end gap-0.5">
            {billing.dailyUsage.map((d) => (
              <li
                key={d.day}
                title={`${d.day}: ${d.traces.toLocaleString("en-US")} traces`}
                aria-label={`${d.day}: ${d.traces.toLocaleString("en-US")} traces`}
                className="flex-1 rounded-t bg-brand-500/80"
                style={{ height: `${Math.max(2, (d.traces / peak) * 100)}%` }}
              />
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
