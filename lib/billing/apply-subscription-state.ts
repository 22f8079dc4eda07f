import type { TenantTx } from "../db/tenant-transaction";
import { writeAudit, type AuditActor } from "../audit/write-audit";
import { publishEvent } from "../events/publish-event";
import { setScheduledPlanChange } from "./billing-cycle";
import { applyBillingPeriod } from "./billing-period";
import { PLANS, type PlanType } from "./plans";
import type { SubscriptionState } from "./subscription-state";

export interface BillingChange {
  workspaceId: string;
  fromPlan: PlanType;
  toPlan: PlanType;
  fromStatus: string;
  toStatus: string;
}

/**
 * Makes the workspace's billing row say what Stripe's current subscription says: plan and its
 * limits (from the plan table, never from Stripe's amounts), status, period, trial, cancellation,
 * whether a scheduled downgrade still stands. A plan change writes `billing.plan_changed` to the outbox; every change
 * is audited. Runs in the caller's transaction (the webhook inbox's or the reconciliation's).
 */
export async function applySubscriptionState(
  tx: TenantTx,
  workspaceId: string,
  state: SubscriptionState,
  source: { eventId?: string; eventCreated?: Date; reason: string; actor?: AuditActor },
): Promise<BillingChange | null> {
  const [current] = await tx.$queryRaw<
    {
      plan_type: PlanType;
      plan_status: string;
      stripe_subscription_id: string | null;
      current_period_start: Date;
      trial_ends_at: Date | null;
      cancel_at_period_end: boolean;
      scheduled_plan_type: string | null;
      scheduled_plan_change_at: Date | null;
      stripe_price_id: string | null;
    }[]
  >`SELECT b.plan_type, b.plan_status, b.stripe_subscription_id, b.current_period_start, b.trial_ends_at,
           b.cancel_at_period_end, c.scheduled_plan_type, c.scheduled_plan_change_at, b.stripe_price_id
      FROM billing_config b LEFT JOIN billing_cycles c ON c.workspace_id = b.workspace_id
     WHERE b.workspace_id = ${workspaceId}::uuid FOR UPDATE OF b`;
  if (!current) return null;

  const plan = PLANS[state.planType];
  // The downgrade we scheduled stays shown while its schedule is attached and the plan has not yet changed.
  const scheduledPlan =
    state.hasSchedule && current.scheduled_plan_type !== state.planType ? current.scheduled_plan_type : null;
  const scheduledAt = scheduledPlan ? current.scheduled_plan_change_at : null;
  const before = {
    plan: current.plan_type,
    status: current.plan_status,
    subscription: current.stripe_subscription_id,
    trialEndsAt: current.trial_ends_at?.toISOString() ?? null,
    cancelAtPeriodEnd: current.cancel_at_period_end,
    scheduledPlan: current.scheduled_plan_type,
    price: current.stripe_price_id,
  };
  const after = {
    plan: state.planType,
    status: state.planStatus,
    subscription: state.subscriptionId,
    trialEndsAt: state.trialEndsAt?.toISOString() ?? null,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    scheduledPlan,
    price: state.basePriceId,
  };
  const planChanged = before.plan !== after.plan;
  const changed = JSON.stringify(before) !== JSON.stringify(after);

  // Enterprise limits are set per workspace by contract: a Stripe event never overwrites them.
  const limits =
    state.planType === "enterprise"
      ? null
      : {
          traces: plan.tracesPerMonth,
          members: plan.members,
          apiKeys: plan.apiKeys,
          overage: plan.overagePer1k !== null,
          overagePrice: plan.overagePer1k,
          price: plan.priceMonthly ?? 0,
        };
  await tx.$executeRaw`
    UPDATE billing_config SET
      plan_type = ${state.planType},
      plan_status = ${state.planStatus},
      stripe_customer_id = ${state.customerId},
      stripe_subscription_id = ${state.subscriptionId},
      stripe_price_id = ${state.basePriceId},
      trial_ends_at = ${state.trialEndsAt},
      cancel_at_period_end = ${state.cancelAtPeriodEnd},
      canceled_at = ${state.canceledAt},
      traces_per_month_limit = CASE WHEN ${limits === null} THEN traces_per_month_limit ELSE ${limits?.traces ?? null}::bigint END,
      team_members_limit = CASE WHEN ${limits === null} THEN team_members_limit ELSE ${limits?.members ?? null}::int END,
      api_keys_limit = CASE WHEN ${limits === null} THEN api_keys_limit ELSE ${limits?.apiKeys ?? null}::int END,
      overage_enabled = CASE WHEN ${limits === null} THEN overage_enabled ELSE ${limits?.overage ?? false} END,
      overage_price_per_1k_traces = CASE WHEN ${limits === null} THEN overage_price_per_1k_traces ELSE ${limits?.overagePrice ?? null}::numeric END,
      price_monthly = CASE WHEN ${limits === null} THEN price_monthly ELSE ${limits?.price ?? 0}::numeric END,
      last_stripe_event_created_at = GREATEST(last_stripe_event_created_at, ${source.eventCreated ?? null}::timestamptz)
    WHERE workspace_id = ${workspaceId}::uuid`;
  if (current.scheduled_plan_type !== scheduledPlan) {
    await setScheduledPlanChange(
      tx,
      workspaceId,
      scheduledPlan && scheduledAt ? { plan: scheduledPlan as PlanType, at: scheduledAt } : null,
    );
  }
  if (state.periodStart && state.periodEnd) {
    // A later period starts the count again; otherwise Stripe's dates are taken as they are (a
    // subscription begun within the free period's first second, an end Stripe moved), counts kept.
    const moved = await applyBillingPeriod(tx, workspaceId, state.periodStart, state.periodEnd);
    if (!moved) {
      await tx.$executeRaw`
        UPDATE billing_config SET current_period_start = ${state.periodStart}, current_period_end = ${state.periodEnd}
         WHERE workspace_id = ${workspaceId}::uuid
           AND (current_period_start, current_period_end) IS DISTINCT FROM (${state.periodStart}::timestamptz, ${state.periodEnd}::timestamptz)`;
    }
  }

  if (changed) {
    await writeAudit(tx, source.actor ?? { workspaceId, user: null }, {
      action: planChanged ? "billing.plan_changed" : "billing.subscription_updated",
      targetType: "billing",
      targetId: workspaceId,
      before,
      after: { ...after, source: source.reason, stripeEvent: source.eventId ?? null },
    });
  }
  if (planChanged) {
    await publishEvent(tx, workspaceId, "billing.plan_changed", {
      from: before.plan,
      to: after.plan,
      status: after.status,
    });
  }
  return changed
    ? {
        workspaceId,
        fromPlan: current.plan_type,
        toPlan: state.planType,
        fromStatus: before.status,
        toStatus: after.status,
      }
    : null;
}
