import { isPlanType, PLANS } from "../billing/plans";

const whole = new Intl.NumberFormat("en-US");
const dateTime = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** A plan's name from its type (the raw type when unknown). */
export const planName = (plan: string) => (isPlanType(plan) ? PLANS[plan].name : plan);

/** A number with thousands separators ("10,000"). */
export const formatCount = (n: number) => whole.format(n);

/** A moment as people read it, in UTC ("Dec 27, 2026, 10:00 AM UTC"). */
export const formatUtc = (at: Date) => `${dateTime.format(at)} UTC`;

/** Whole seconds until the period resets (at least 1): the Retry-After of a refused report. */
export function secondsUntil(end: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000));
}

/** Why a report was refused: the plan's limit, when it resets, and how to raise it. */
export function usageLimitMessage(args: {
  plan: string;
  limit: number;
  used: number;
  traces: number;
  periodEnd: Date;
}) {
  const { plan, limit, used, traces, periodEnd } = args;
  return (
    `The ${planName(plan)} plan includes ${formatCount(limit)} traces per billing period and this workspace has ` +
    `used ${formatCount(used)}; this report of ${formatCount(traces)} would go past the limit, so it was not recorded. ` +
    `The limit resets on ${formatUtc(periodEnd)}. To raise it, upgrade the plan on the Billing tab.`
  );
}
