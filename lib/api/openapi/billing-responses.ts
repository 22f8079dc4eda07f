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
    scheduledPlanType: z
      .enum(Object.keys(PLANS) as [PlanType, ...PlanType[]])
      .nullable()
      .meta({ description: "A downgrade waiting for the period's end." }),
    scheduledPlanChangeAt: nullableTimestampSchema,
    billingEmail: z.email().nullable(),
    hasSubscription: z.boolean().meta({ description: "Whether a Stripe subscription backs the plan." }),
    hasCustomer: z.boolean().meta({ description: "Whether the workspace has a Stripe customer (invoices, portal)." }),
    overagePer1k: z
      .number()
      .min(0)
      .nullable()
      .meta({ description: "USD per 1,000 traces past the limit; null: a hard limit." }),
    forecastTraces: z
      .number()
      .int()
      .min(0)
      .meta({ description: "Traces at the period's end at this period's rate so far." }),
    projectedBill: z
      .number()
      .min(0)
      .meta({ description: "The plan's price plus the forecast's overage, in the plan's currency." }),
    overageReportedThrough: nullableTimestampSchema.meta({
      description: "Overage sent to Stripe's billing meter up to this hour.",
    }),
    meters: z.strictObject({ traces: meterSchema, teamMembers: meterSchema, apiKeys: meterSchema }),
    dailyUsage: z.array(z.strictObject({ day: z.iso.date(), traces: z.number().int().min(0) })).meta({
      description: "Traces per UTC day of the current period.",
    }),
  })
  .meta({ id: "BillingOverview" });

export const billingOverviewResponse = dataEnvelope(
  billingOverviewSchema.nullable().meta({ description: "null when the workspace has no billing record." }),
);

/** PATCH /billing: the billing email and cancellation state after the change. */
export const billingUpdateResponse = dataEnvelope(
  z.strictObject({ billingEmail: z.email().nullable(), cancelAtPeriodEnd: z.boolean() }).meta({ id: "BillingUpdate" }),
);
