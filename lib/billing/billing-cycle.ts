import type { Db } from "../db/prisma";
import type { TenantTx } from "../db/tenant-transaction";
import type { PlanType } from "./plans";

/**
 * The workspace's row in billing_cycles (anchor, scheduled downgrade, overage reported), made on first
 * use with the current period's start as the anchor — for workspaces made before it existed.
 */
export async function ensureBillingCycle(db: Db | TenantTx, workspaceId: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO billing_cycles (workspace_id, anchor)
    SELECT workspace_id, current_period_start FROM billing_config WHERE workspace_id = ${workspaceId}::uuid
    ON CONFLICT (workspace_id) DO NOTHING`;
}

/** Records (or clears, with null) a plan change waiting for the period's end. */
export async function setScheduledPlanChange(
  db: Db | TenantTx,
  workspaceId: string,
  change: { plan: PlanType; at: Date } | null,
): Promise<void> {
  await ensureBillingCycle(db, workspaceId);
  await db.$executeRaw`
    UPDATE billing_cycles SET scheduled_plan_type = ${change?.plan ?? null}, scheduled_plan_change_at = ${change?.at ?? null}
     WHERE workspace_id = ${workspaceId}::uuid`;
}

/** Overage is with Stripe's meter up to `hour` (it never moves back). */
export async function markOverageReportedThrough(db: Db | TenantTx, workspaceId: string, hour: Date): Promise<void> {
  await ensureBillingCycle(db, workspaceId);
  await db.$executeRaw`
    UPDATE billing_cycles SET overage_reported_through = GREATEST(COALESCE(overage_reported_through, ${hour}), ${hour})
     WHERE workspace_id = ${workspaceId}::uuid`;
}
