import type Stripe from "stripe";
import type { TenantTx } from "../../db/tenant-transaction";
import { writeAudit } from "../../audit/write-audit";
import { publishEvent } from "../../events/publish-event";
import type { EventFacts } from "./event-facts";

/** An email to the workspace's owners, sent after the event's effect committed. */
export type BillingNotice =
  | {
      kind: "payment_failed";
      workspaceId: string;
      attempt: number;
      amountDue: number;
      currency: string;
      nextAttempt: Date | null;
    }
  | { kind: "payment_action_required"; workspaceId: string; url: string | null }
  | { kind: "trial_will_end"; workspaceId: string; trialEndsAt: Date | null };

/**
 * What an event means beyond the subscription's state: a failed payment makes an active workspace
 * past due (until Stripe's current state says otherwise: `invoice.paid` retrieves it again) and is
 * published as `billing.payment_failed`; a trial's end is announced. Returns the emails to send.
 */
export async function applyInvoiceEffects(
  tx: TenantTx,
  workspaceId: string,
  event: Stripe.Event,
  facts: EventFacts,
  subscription: Stripe.Subscription | null,
): Promise<BillingNotice[]> {
  if (facts.type === "invoice.payment_failed" && facts.invoice) {
    await tx.$executeRaw`
      UPDATE billing_config SET plan_status = 'past_due'
       WHERE workspace_id = ${workspaceId}::uuid AND plan_status IN ('active', 'trialing')`;
    const details = {
      attempt: facts.invoice.attempt,
      amountDue: facts.invoice.amountDue,
      currency: facts.invoice.currency,
      nextAttempt: facts.invoice.nextAttempt?.toISOString() ?? null,
    };
    await publishEvent(tx, workspaceId, "billing.payment_failed", details, "error");
    await writeAudit(
      tx,
      { workspaceId, user: null },
      {
        action: "billing.payment_failed",
        targetType: "billing",
        targetId: workspaceId,
        after: { ...details, stripeEvent: event.id },
      },
    );
    return [{ kind: "payment_failed", workspaceId, ...facts.invoice }];
  }
  if (facts.type === "invoice.payment_action_required" && facts.invoice) {
    await writeAudit(
      tx,
      { workspaceId, user: null },
      {
        action: "billing.payment_action_required",
        targetType: "billing",
        targetId: workspaceId,
        after: { stripeEvent: event.id },
      },
    );
    return [{ kind: "payment_action_required", workspaceId, url: facts.invoice.url }];
  }
  if (facts.type === "customer.subscription.trial_will_end") {
    const trialEndsAt = subscription?.trial_end ? new Date(subscription.trial_end * 1000) : null;
    await publishEvent(
      tx,
      workspaceId,
      "billing.trial_ending",
      { trialEndsAt: trialEndsAt?.toISOString() ?? null },
      "warning",
    );
    return [{ kind: "trial_will_end", workspaceId, trialEndsAt }];
  }
  return [];
}
