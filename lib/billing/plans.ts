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
}

export const PLANS: Record<PlanType, Plan> = {
  free: {
    type: "free",
    name: "Free",
    priceMonthly: 0,
    tracesPerMonth: 10_000,
    members: 3,
    apiKeys: 2,
    overagePer1k: null,
  },
  starter: {
    type: "starter",
    name: "Starter",
    priceMonthly: 49,
    tracesPerMonth: 100_000,
    members: 10,
    apiKeys: 5,
    overagePer1k: 0.5,
  },
  professional: {
    type: "professional",
    name: "Professional",
    priceMonthly: 249,
    tracesPerMonth: 1_000_000,
    members: 25,
    apiKeys: 20,
    overagePer1k: 0.3,
  },
  enterprise: {
    type: "enterprise",
    name: "Enterprise",
    priceMonthly: null,
    tracesPerMonth: null,
    members: null,
    apiKeys: null,
    overagePer1k: null,
  },
};
