import { defineWorkspaceAction } from "../access/define-action";
import type { Actor } from "../access/actor";
import type { WorkspaceContext } from "../access/with-workspace";
import { writeAudit, auditActorOf, type AuditActor } from "../audit/write-audit";
import { systemDb } from "../db/prisma";
import { AppError } from "../errors";
import { getStripe } from "../stripe/stripe-client";
import { currentStripeSettings, paymentsOffMessage } from "../stripe/stripe-settings";
import { applySubscriptionState } from "./apply-subscription-state";
import { setScheduledPlanChange } from "./billing-cycle";
import { changePlanSchema, updateBillingSchema, workspaceOnlySchema } from "./billing-schemas";
import { lockBillingRow, type BillingRow } from "./billing-row";
import { previewPlanChange } from "./plan-change-preview";
import { PLANS, type PlanType } from "./plans";
import {
  createCheckoutSession,
  createPortalSession,
  ensureStripeCustomer,
  requireSubscription,
  scheduleDowngrade,
  setCancelAtPeriodEnd,
  upgradeSubscription,
} from "./stripe-billing";
import { askStripe } from "./stripe-failure";
import { subscriptionStateOf } from "./subscription-state";
import type Stripe from "stripe";

/** What a plan change did: off to Checkout, changed now, or scheduled for the period's end. */
export type PlanChangeOutcome =
  | { kind: "checkout"; url: string }
  | { kind: "changed"; plan: PlanType }
  | { kind: "scheduled"; plan: PlanType; at: string };

const auditActorFor = (workspaceId: string, actor: Actor): AuditActor => ({
  workspaceId,
  user: actor.kind === "member" ? actor.user : null,
});

function requirePayments(): void {
  if (!currentStripeSettings()) throw new AppError("service_unavailable", paymentsOffMessage());
}

async function billingRowOf(ctx: WorkspaceContext): Promise<BillingRow> {
  const row = await lockBillingRow(ctx.tx, ctx.workspaceId);
  if (!row) throw new AppError("not_found", "This workspace has no billing record.");
  return row;
}

/** Applies Stripe's answer to the billing row at once (the webhook that follows finds nothing new). */
async function applyAnswer(workspaceId: string, actor: Actor, subscription: Stripe.Subscription, reason: string) {
  await systemDb().$transaction((tx) =>
    applySubscriptionState(tx, workspaceId, subscriptionStateOf(subscription), {
      reason,
      actor: auditActorFor(workspaceId, actor),
    }),
  );
}

/** A downgrade waiting for the period's end, shown on the tab until Stripe applies it. */
async function recordScheduledChange(workspaceId: string, actor: Actor, plan: PlanType, at: Date) {
  await systemDb().$transaction(async (tx) => {
    await setScheduledPlanChange(tx, workspaceId, { plan, at });
    await writeAudit(tx, auditActorFor(workspaceId, actor), {
      action: "billing.downgrade_scheduled",
      targetType: "billing",
      targetId: workspaceId,
      after: { plan, at: at.toISOString() },
    });
  });
}

/**
 * "Change plan" (owners): without a subscription, Stripe Checkout; with one, an upgrade applies now
 * with proration, a downgrade at the period's end (to Free: the subscription cancels then).
 * Decided under the chokepoint from the stored row; Stripe is called after that transaction.
 */
export const changePlanAction = defineWorkspaceAction({
  name: "changePlan",
  permission: "billing:manage",
  input: changePlanSchema,
  handler: async (ctx, input) => {
    requirePayments();
    const row = await billingRowOf(ctx);
    if (row.planType === "enterprise") {
      throw new AppError("conflict", "Enterprise plans change by contract: contact your account manager.");
    }
    const preview = await previewPlanChange(ctx.tx, ctx.workspaceId, input.plan);
    const pendingChange = row.cancelAtPeriodEnd || row.scheduledPlanType !== null;
    if (preview.direction === "same" && !pendingChange) {
      throw new AppError("conflict", `This workspace is already on the ${PLANS[input.plan].name} plan.`);
    }
    if (!row.stripeSubscriptionId && input.plan === "free") {
      throw new AppError(
        "conflict",
        row.planType === "free"
          ? "This workspace is already on the Free plan."
          : `The ${PLANS[row.planType].name} plan here is not billed through Stripe, so there is no subscription to end; contact support to move to Free.`,
      );
    }
    const email = ctx.actor.kind === "member" ? ctx.actor.user.email : null;
    return { row, plan: input.plan, direction: preview.direction, email };
  },
  afterCommit: async ({ row, plan, direction, email }, { workspaceId, actor }): Promise<PlanChangeOutcome> => {
    const stripe = getStripe();
    if (!row.stripeSubscriptionId) {
      const url = await askStripe("start Checkout", async () =>
        createCheckoutSession(stripe, workspaceId, await ensureStripeCustomer(stripe, row, email), plan),
      );
      return { kind: "checkout", url };
    }
    const subscriptionId = row.stripeSubscriptionId;
    if (direction === "same") {
      // Back to the current plan: drop the pending downgrade or cancellation.
      const subscription = await askStripe("resume the plan", () =>
        setCancelAtPeriodEnd(stripe, subscriptionId, false),
      );
      await applyAnswer(workspaceId, actor, subscription, "plan_kept");
      return { kind: "changed", plan };
    }
    if (direction === "upgrade") {
      const subscription = await askStripe("change the plan", () => upgradeSubscription(stripe, subscriptionId, plan));
      await applyAnswer(workspaceId, actor, subscription, "upgrade");
      return { kind: "changed", plan };
    }
    if (plan === "free") {
      const subscription = await askStripe("cancel the plan", () => setCancelAtPeriodEnd(stripe, subscriptionId, true));
      await applyAnswer(workspaceId, actor, subscription, "downgrade_to_free");
      return { kind: "scheduled", plan, at: row.currentPeriodEnd.toISOString() };
    }
    const at = await askStripe("schedule the downgrade", () => scheduleDowngrade(stripe, subscriptionId, plan));
    await recordScheduledChange(workspaceId, actor, plan, at);
    return { kind: "scheduled", plan, at: at.toISOString() };
  },
});

/** What a plan change would put over the new plan's limits (owners, before confirming). */
export const previewPlanChangeAction = defineWorkspaceAction({
  name: "previewPlanChange",
  permission: "billing:manage",
  input: changePlanSchema,
  handler: (ctx, input) => previewPlanChange(ctx.tx, ctx.workspaceId, input.plan),
});

/** "Manage billing": a Customer Portal session for payment methods and invoices (owners). */
export const openBillingPortalAction = defineWorkspaceAction({
  name: "openBillingPortal",
  permission: "billing:manage",
  input: workspaceOnlySchema,
  handler: async (ctx) => {
    requirePayments();
    const row = await billingRowOf(ctx);
    if (!row.stripeCustomerId) {
      throw new AppError("conflict", "There is nothing to manage yet: choose a paid plan first.");
    }
    return { customerId: row.stripeCustomerId };
  },
  afterCommit: async ({ customerId }, { workspaceId }) => {
    const stripe = getStripe();
    return {
      url: await askStripe("open the billing portal", () => createPortalSession(stripe, workspaceId, customerId)),
    };
  },
});

/**
 * PATCH billing (owners; API keys never): the billing email, and cancel at the period's end or
 * resume. The email is stored in the transaction; Stripe follows after it.
 */
export const updateBillingAction = defineWorkspaceAction({
  name: "updateBilling",
  permission: "billing:manage",
  input: updateBillingSchema,
  handler: async (ctx, input) => {
    const row = await billingRowOf(ctx);
    if (input.cancelAtPeriodEnd !== undefined) {
      requirePayments();
      requireSubscription(row.stripeSubscriptionId);
    }
    if (input.billingEmail !== undefined && input.billingEmail !== row.billingEmail) {
      await ctx.tx
        .$executeRaw`UPDATE billing_config SET billing_email = ${input.billingEmail} WHERE workspace_id = ${ctx.workspaceId}::uuid`;
      await writeAudit(ctx.tx, auditActorOf(ctx), {
        action: "billing.email_changed",
        targetType: "billing",
        targetId: ctx.workspaceId,
        before: { billingEmail: row.billingEmail },
        after: { billingEmail: input.billingEmail },
      });
    }
    return { row, input };
  },
  afterCommit: async ({ row, input }, { workspaceId, actor }) => {
    const stripe = currentStripeSettings() ? getStripe() : null;
    if (stripe && input.billingEmail !== undefined && row.stripeCustomerId) {
      const customerId = row.stripeCustomerId;
      await askStripe("update the billing email", () =>
        stripe.customers.update(customerId, { email: input.billingEmail }),
      );
    }
    if (stripe && input.cancelAtPeriodEnd !== undefined && row.stripeSubscriptionId) {
      const subscriptionId = row.stripeSubscriptionId;
      const cancel = input.cancelAtPeriodEnd;
      const subscription = await askStripe(cancel ? "cancel the plan" : "resume the plan", () =>
        setCancelAtPeriodEnd(stripe, subscriptionId, cancel),
      );
      await applyAnswer(workspaceId, actor, subscription, cancel ? "cancel_at_period_end" : "resume");
    }
    return {
      billingEmail: input.billingEmail ?? row.billingEmail,
      cancelAtPeriodEnd: input.cancelAtPeriodEnd ?? row.cancelAtPeriodEnd,
    };
  },
});

export const BILLING_ACTIONS = [
  changePlanAction,
  previewPlanChangeAction,
  openBillingPortalAction,
  updateBillingAction,
];
