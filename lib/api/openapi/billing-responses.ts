import { z } from "zod";
import { PLANS, type PlanType } from "../../billing/plans";
import { dataEnvelope, nullableTimestampSchema, timestampSchema } from "./common-schemas";

const meterSchema = z.strictObject({
  used: z.number().int().min(0),
  limit: z.number().int().min(0).nullable().meta({ description: "null: unlimited (or by contract)." }),
});

/** lib/billing/billing-overview.ts `BillingOverview`. */
export const billingOverviewSchema = z
  .strictObject({
    planType: z.enum(Object.keys(PLANS) as [PlanType, ...PlanType[]]),
    planName: z.string(),
    planStatus: z.string().meta({ example: "active" }),
    priceMonthly: z.number().min(0),
    currency: z.string().meta({ example: "USD" }),
    currentPeriodStart: timestampSchema,
    currentPeriodEnd: timestampSchema,
    trialEndsAt: nullableTimestampSchema,
    cancelAtPeriodEnd: z.boolean(),
    meters: z.strictObject({ traces: meterSchema, teamMembers: meterSchema, apiKeys: meterSchema }),
    dailyUsage: z.array(z.strictObject({ day: z.iso.date(), traces: z.number().int().min(0) })).meta({
      description: "Traces per UTC day of the current period.",
    }),
  })
  .meta({ id: "BillingOverview" });

export const billingOverviewResponse = dataEnvelope(
  billingOverviewSchema.nullable().meta({ description: "null when the workspace has no billing record." }),
);
