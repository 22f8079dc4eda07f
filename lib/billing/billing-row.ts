import type { TenantTx } from "../db/tenant-transaction";
import type { PlanType } from "./plans";

/** The billing facts the owner's actions decide from (read under the chokepoint, locked). */
export interface BillingRow {
  workspaceId: string;
  workspaceName: string;
  planType: PlanType;
  planStatus: string;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  billingEmail: string | null;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: Date;
  tracesCurrentMonth: number;
  scheduledPlanType: PlanType | null;
}

export async function lockBillingRow(tx: TenantTx, workspaceId: string): Promise<BillingRow | null> {
  const [row] = await tx.$queryRaw<
    {
      plan_type: PlanType;
      plan_status: string;
      stripe_customer_id: string | null;
      stripe_subscription_id: string | null;
      billing_email: string | null;
      cancel_at_period_end: boolean;
      current_period_end: Date;
      traces_current_month: bigint;
      scheduled_plan_type: PlanType | null;
      name: string;
    }[]
  >`SELECT b.plan_type, b.plan_status, b.stripe_customer_id, b.stripe_subscription_id, b.billing_email,
           b.cancel_at_period_end, b.current_period_end, b.traces_current_month, c.scheduled_plan_type, w.name
      FROM billing_config b JOIN workspaces w ON w.id = b.workspace_id
      LEFT JOIN billing_cycles c ON c.workspace_id = b.workspace_id
     WHERE b.workspace_id = ${workspaceId}::uuid
       FOR UPDATE OF b`;
  if (!row) return null;
  return {
    workspaceId,
    workspaceName: row.name,
    planType: row.plan_type,
    planStatus: row.plan_status,
    stripeCustomerId: row.stripe_customer_id,
    stripeSubscriptionId: row.stripe_subscription_id,
    billingEmail: row.billing_email,
    cancelAtPeriodEnd: row.cancel_at_period_end,
    currentPeriodEnd: row.current_period_end,
    tracesCurrentMonth: Number(row.traces_current_month),
    scheduledPlanType: row.scheduled_plan_type,
  };
}
