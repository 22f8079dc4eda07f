import type { TenantTx } from "../db/tenant-transaction";
import { PLANS, type PlanType } from "./plans";

export type PlanDirection = "upgrade" | "downgrade" | "same";

export interface OverLimit {
  resource: "members" | "invitations" | "api_keys" | "traces";
  label: string;
  current: number;
  limit: number;
  /** What happens to it on the new plan, in words for the owner. */
  consequence: string;
}

export interface PlanChangePreview {
  from: PlanType;
  to: PlanType;
  direction: PlanDirection;
  /** Upgrades apply now (prorated); downgrades at the period's end; without a subscription, Checkout starts one now. */
  effective: "now" | "period_end";
  /** No subscription yet: the change goes through Stripe Checkout and starts when Stripe confirms the payment. */
  viaCheckout: boolean;
  effectiveAt: string;
  overLimits: OverLimit[];
}

const rank: Record<PlanType, number> = { free: 0, starter: 1, professional: 2, enterprise: 3 };
const count = new Intl.NumberFormat("en-US");
const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export const directionOf = (from: PlanType, to: PlanType): PlanDirection =>
  rank[to] > rank[from] ? "upgrade" : rank[to] < rank[from] ? "downgrade" : "same";

/**
 * What moving to `to` would put over the new plan's limits — members, pending invitations, API keys
 * and this period's traces — and what happens to each. Counted now, in the caller's transaction.
 */
export async function previewPlanChange(tx: TenantTx, workspaceId: string, to: PlanType): Promise<PlanChangePreview> {
  const [row] = await tx.$queryRaw<
    {
      plan_type: PlanType;
      active: number;
      pending: number;
      keys: number;
      traces: bigint;
      period_end: Date;
      subscribed: boolean;
    }[]
  >`SELECT b.plan_type, b.traces_current_month AS traces, b.current_period_end AS period_end,
           b.stripe_subscription_id IS NOT NULL AS subscribed,
           (SELECT count(*)::int FROM team_members m WHERE m.workspace_id = b.workspace_id AND m.deleted_at IS NULL AND m.status = 'active') AS active,
           (SELECT count(*)::int FROM team_members m WHERE m.workspace_id = b.workspace_id AND m.deleted_at IS NULL AND m.status = 'pending') AS pending,
           (SELECT count(*)::int FROM api_keys k WHERE k.workspace_id = b.workspace_id AND k.revoked_at IS NULL
               AND (k.expires_at IS NULL OR k.expires_at > now())) AS keys
      FROM billing_config b WHERE b.workspace_id = ${workspaceId}::uuid`;
  const from = row?.plan_type ?? "free";
  const direction = directionOf(from, to);
  const plan = PLANS[to];
  const viaCheckout = !row?.subscribed && to !== "free";
  const effective = direction === "upgrade" || viaCheckout ? "now" : "period_end";
  const effectiveAt = effective === "now" ? new Date() : (row?.period_end ?? new Date());
  const overLimits: OverLimit[] = [];
  if (row && direction === "downgrade") {
    const active = Number(row.active);
    const pending = Number(row.pending);
    const keys = Number(row.keys);
    const traces = Number(row.traces);
    if (plan.members !== null && active > plan.members) {
      overLimits.push({
        resource: "members",
        label: "Team members",
        current: active,
        limit: plan.members,
        consequence: `Nobody is removed, but no one can be invited until the team is below ${plan.members} members. Remove ${active - plan.members} to get there.`,
      });
    }
    if (plan.members !== null && pending > 0 && active + pending > plan.members) {
      overLimits.push({
        resource: "invitations",
        label: "Pending invitations",
        current: pending,
        limit: Math.max(0, plan.members - active),
        consequence: `Members and pending invitations together (${active + pending}) exceed ${plan.members}: revoke invitations you no longer need; new ones are refused until there is room.`,
      });
    }
    if (plan.apiKeys !== null && keys > plan.apiKeys) {
      overLimits.push({
        resource: "api_keys",
        label: "API keys",
        current: keys,
        limit: plan.apiKeys,
        consequence: `Existing keys keep working; no new key can be created until fewer than ${plan.apiKeys} remain. Revoke ${keys - plan.apiKeys} to get there.`,
      });
    }
    if (plan.tracesPerMonth !== null && traces > plan.tracesPerMonth) {
      overLimits.push({
        resource: "traces",
        label: "Traces this period",
        current: traces,
        limit: plan.tracesPerMonth,
        consequence:
          plan.overagePer1k === null
            ? `From ${day.format(effectiveAt)} the ${plan.name} plan refuses traces past ${count.format(plan.tracesPerMonth)} a month (a hard limit, no overage).`
            : `From ${day.format(effectiveAt)} traces past ${count.format(plan.tracesPerMonth)} a month are billed at $${plan.overagePer1k.toFixed(2)} per 1,000.`,
      });
    }
  }
  return {
    from,
    to,
    direction,
    effective,
    viaCheckout,
    effectiveAt: effectiveAt.toISOString(),
    overLimits,
  };
}
