/** The plan table (docs/architecture.md, "Plans"). Prices and limits come from here, never from the client. */
export type PlanType = "free" | "starter" | "professional" | "enterprise";

export interface Plan {
  type: PlanType;
  name: string;
  /** USD per month; null = by contract. */
  priceMonthly: number | null;
  /** null = unlimited or set per workspace. */
  tracesPerMonth: number | null;
  members: number | null;
  apiKeys: number | null;
  /** USD per 1,000 traces over the limit; null = hard limit (or by contract). */
  overagePer1k: number | null;
  /** Stripe price lookup keys (`npm run stripe:setup` creates them); null: not sold through Checkout. */
  stripe: { monthlyLookupKey: string; overageLookupKey: string } | null;
}

/** The Stripe billing meter overage is reported to (event name and the payload keys it reads). */
export const TRACES_METER = { eventName: "traces", displayName: "Traces", valueKey: "value" } as const;

export const PLANS: Record<PlanType, Plan> = {
  free: {
    type: "free",
    name: "Free",
    priceMonthly: 0,
    tracesPerMonth: 10_000,
    members: 3,
    apiKeys: 2,
    overagePer1k: null,
    stripe: null,
  },
  starter: {
    type: "starter",
    name: "Starter",
    priceMonthly: 49,
    tracesPerMonth: 100_000,
    members: 10,
    apiKeys: 5,
    overagePer1k: 0.5,
    stripe: { monthlyLookupKey: "starter_monthly", overageLookupKey: "starter_overage" },
  },
  professional: {
    type: "professional",
    name: "Professional",
    priceMonthly: 249,
    tracesPerMonth: 1_000_000,
    members: 25,
    apiKeys: 20,
    overagePer1k: 0.3,
    stripe: { monthlyLookupKey: "professional_monthly", overageLookupKey: "professional_overage" },
  },
  enterprise: {
    type: "enterprise",
    name: "Enterprise",
    priceMonthly: null,
    tracesPerMonth: null,
    members: null,
    apiKeys: null,
    overagePer1k: null,
    stripe: null,
  },
};

/** Plans a customer can choose in the tab (enterprise is by contract). */
export const SELF_SERVE_PLANS: PlanType[] = ["free", "starter", "professional"];

export function isPlanType(value: unknown): value is PlanType {
  return typeof value === "string" && Object.hasOwn(PLANS, value);
}
