import { Card } from "@/components/ui/card";
import { Meter } from "@/components/ui/meter";
import type { BillingOverview } from "@/lib/billing/billing-overview";
import { count, dateOf, moneyOf } from "./billing-format";

const hourOf = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The meters (Traces, Team members, API keys), the overage rate and the projected bill. */
export function UsagePanel({ billing }: { billing: BillingOverview }) {
  const traces = billing.meters.traces;
  return (
    <Card aria-labelledby="usage-heading">
      <h2 id="usage-heading" className="text-lg font-semibold">
        Usage this period
      </h2>
      <div className="mt-4 grid gap-4">
        <Meter label="Traces" used={traces.used} limit={traces.limit} />
        <Meter label="Team members" used={billing.meters.teamMembers.used} limit={billing.meters.teamMembers.limit} />
        <Meter label="API keys" used={billing.meters.apiKeys.used} limit={billing.meters.apiKeys.limit} />
      </div>
      <dl className="mt-5 grid gap-3 border-t border-zinc-200 pt-4 text-sm sm:grid-cols-2 dark:border-zinc-800">
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">Overage</dt>
          <dd>
            {billing.overagePer1k === null
              ? traces.limit === null
                ? "None: traces are unlimited"
                : `None: traces past ${count.format(traces.limit)} are refused until ${dateOf.format(new Date(billing.currentPeriodEnd))}`
              : `${moneyOf(billing.overagePer1k, billing.currency)} per 1,000 traces past the limit`}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">Projected bill this period</dt>
          <dd>
            <span className="font-semibold">{moneyOf(billing.projectedBill, billing.currency)}</span>{" "}
            <span className="text-zinc-600 dark:text-zinc-400">
              (about {count.format(billing.forecastTraces)} traces by the period&apos;s end)
            </span>
          </dd>
        </div>
        {billing.overagePer1k !== null && (
          <div className="sm:col-span-2">
            <dt className="text-zinc-500 dark:text-zinc-400">Reported to Stripe</dt>
            <dd>
              {billing.overageReportedThrough
                ? `Overage reported to Stripe through ${hourOf.format(new Date(billing.overageReportedThrough))} UTC`
                : "No overage reported to Stripe this period"}
            </dd>
          </div>
        )}
      </dl>
    </Card>
  );
}
