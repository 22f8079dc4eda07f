import type Stripe from "stripe";
import { billingTabUrl } from "./billing-tab-url";
import { systemDb } from "../db/prisma";
import { AppError } from "../errors";
import { pricesOfPlan } from "../stripe/price-catalog";
import { baseItemOf } from "./subscription-state";
import type { PlanType } from "./plans";

/** A plan's two price ids, by lookup key (lib/stripe/price-catalog.ts caches them). */
async function resolvePlanPrices(stripe: Stripe, plan: PlanType): Promise<{ monthly: string; overage: string }> {
  const prices = await pricesOfPlan(plan, stripe);
  return { monthly: prices.monthly.id, overage: prices.overage.id };
}

/**
 * The workspace's Stripe customer, created once: the idempotency key is the workspace's, so two
 * owners clicking at the same moment get the same customer, and it is stored only where none was.
 */
export async function ensureStripeCustomer(
  stripe: Stripe,
  workspace: {
    workspaceId: string;
    workspaceName: string;
    stripeCustomerId: string | null;
    billingEmail: string | null;
  },
  fallbackEmail: string | null,
): Promise<string> {
  if (workspace.stripeCustomerId) return workspace.stripeCustomerId;
  const customer = await stripe.customers.create(
    {
      name: workspace.workspaceName,
      email: workspace.billingEmail ?? fallbackEmail ?? undefined,
      metadata: { workspace_id: workspace.workspaceId },
    },
    { idempotencyKey: `workspace-customer-${workspace.workspaceId}` },
  );
  const [stored] = await systemDb().$queryRaw<{ stripe_customer_id: string }[]>`
    UPDATE billing_config SET stripe_customer_id = coalesce(stripe_customer_id, ${customer.id})
     WHERE workspace_id = ${workspace.workspaceId}::uuid
    RETURNING stripe_customer_id`;
  return stored?.stripe_customer_id ?? customer.id;
}

/** A Checkout session for a workspace without a subscription: the plan's monthly price and its overage price. */
export async function createCheckoutSession(
  stripe: Stripe,
  workspaceId: string,
  customerId: string,
  plan: PlanType,
): Promise<string> {
  const prices = await resolvePlanPrices(stripe, plan);
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customerId,
    client_reference_id: workspaceId,
    metadata: { workspace_id: workspaceId, plan },
    subscription_data: { metadata: { workspace_id: workspaceId, plan } },
    line_items: [{ price: prices.monthly, quantity: 1 }, { price: prices.overage }],
    success_url: `${billingTabUrl(workspaceId)}?checkout=success`,
    cancel_url: `${billingTabUrl(workspaceId)}?checkout=canceled`,
  });
  if (!session.url) throw new Error("Stripe answered a Checkout session without a URL");
  return session.url;
}

/** An upgrade, applied now with proration: both items move to the new plan's prices. */
export async function upgradeSubscription(
  stripe: Stripe,
  subscriptionId: string,
  plan: PlanType,
): Promise<Stripe.Subscription> {
  const prices = await resolvePlanPrices(stripe, plan);
  const current = await stripe.subscriptions.retrieve(subscriptionId);
  const base = baseItemOf(current);
  const metered = current.items.data.find((item) => item.price.recurring?.usage_type === "metered");
  if (!base) throw new Error(`Subscription ${subscriptionId} has no plan item`);
  return stripe.subscriptions.update(subscriptionId, {
    items: [
      { id: base.id, price: prices.monthly },
      metered ? { id: metered.id, price: prices.overage } : { price: prices.overage },
    ],
    proration_behavior: "create_prorations",
    metadata: { plan },
  });
}

/**
 * A downgrade to a paid plan at the period's end: a subscription schedule keeps this period on the
 * current prices and starts the next on the new ones.
 */
export async function scheduleDowngrade(stripe: Stripe, subscriptionId: string, plan: PlanType): Promise<Date> {
  const prices = await resolvePlanPrices(stripe, plan);
  const current = await stripe.subscriptions.retrieve(subscriptionId);
  const base = baseItemOf(current);
  if (!base) throw new Error(`Subscription ${subscriptionId} has no plan item`);
  const scheduleId =
    typeof current.schedule === "string"
      ? current.schedule
      : (current.schedule?.id ?? (await stripe.subscriptionSchedules.create({ from_subscription: subscriptionId })).id);
  await stripe.subscriptionSchedules.update(scheduleId, {
    end_behavior: "release",
    phases: [
      {
        items: current.items.data.map((item) => ({ price: item.price.id, quantity: item.quantity ?? undefined })),
        start_date: base.current_period_start,
        end_date: base.current_period_end,
      },
      { items: [{ price: prices.monthly, quantity: 1 }, { price: prices.overage }], metadata: { plan } },
    ],
  });
  return new Date(base.current_period_end * 1000);
}

/** Cancel at the period's end (true) or resume (false); a pending downgrade's schedule is released first. */
export async function setCancelAtPeriodEnd(
  stripe: Stripe,
  subscriptionId: string,
  cancel: boolean,
): Promise<Stripe.Subscription> {
  const current = await stripe.subscriptions.retrieve(subscriptionId);
  const scheduleId = typeof current.schedule === "string" ? current.schedule : current.schedule?.id;
  if (scheduleId) await stripe.subscriptionSchedules.release(scheduleId);
  return stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: cancel });
}

/** The Customer Portal (payment methods, invoices), returning to the Billing tab. */
export async function createPortalSession(stripe: Stripe, workspaceId: string, customerId: string): Promise<string> {
  const session = await stripe.billingPortal.sessions.create({
    customer: customerId,
    return_url: billingTabUrl(workspaceId),
  });
  return session.url;
}

export function requireSubscription(subscriptionId: string | null): string {
  if (!subscriptionId) {
    throw new AppError("conflict", "This workspace has no subscription: choose a plan to start one.");
  }
  return subscriptionId;
}
