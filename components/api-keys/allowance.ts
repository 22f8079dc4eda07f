import type { ApiKeyAllowance } from "@/lib/api-keys/list-api-keys";
import { PLANS, type PlanType } from "@/lib/billing/plans";

const planName = (planType: string) => PLANS[planType as PlanType]?.name ?? planType;
const keys = (n: number) => `${n} key${n === 1 ? "" : "s"}`;

/** "3 of 5 keys on the Starter plan", or "2 keys · unlimited on the Enterprise plan". */
export function allowanceLine({ planType, limit, current }: ApiKeyAllowance): string {
  return limit === null
    ? `${keys(current)} · unlimited on the ${planName(planType)} plan`
    : `${current} of ${keys(limit)} on the ${planName(planType)} plan`;
}

/** Said beside the Create button once the plan's keys are all in use; null while there is room. */
export function limitHint({ planType, limit, current }: ApiKeyAllowance): string | null {
  if (limit === null || current < limit) return null;
  return `You have reached the ${planName(planType)} plan's limit of ${keys(limit)}.`;
}
