// The owner's billing actions end to end: the chokepoint, the fake Stripe API through the real SDK,
// real PostgreSQL. Checkout, upgrade now, downgrade at the period's end, cancel and resume, the portal.
import { afterAll, describe, expect, it, vi } from "vitest";
import { callApi } from "../testing/call-route";
import { createRoleWorkspace, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { stripeControls, stripeEvent, subscribeInStripe, webhookRequest } from "../testing/stripe-fixtures";
import { testPrisma } from "../testing/test-db";
import { createTestApiKey } from "../testing/api-key-fixtures";
import { getStripe } from "../stripe/stripe-client";
import { POST as stripeWebhook } from "../../app/api/webhooks/stripe/route";
import {
  changePlanAction,
  openBillingPortalAction,
  previewPlanChangeAction,
  updateBillingAction,
} from "./billing-action-definitions";

vi.mock("server-only", () => ({}));

const db = testPrisma();
afterAll(() => db.$disconnect());

const billingOf = (workspaceId: string) => db.billingConfig.findUniqueOrThrow({ where: { workspaceId } });
const asOwner = (ws: RoleWorkspace) => requestAs(ws.actors.owner.token);

/** A workspace on `plan` with a live subscription, as after Checkout and its webhook. */
async function subscribed(label: string, plan: "starter" | "professional") {
  const ws = await createRoleWorkspace(db, label);
  const made = await subscribeInStripe(db, ws.workspaceId, plan);
  const completed = made.events.find((e) => e.type === "checkout.session.completed")!;
  expect((await stripeWebhook(webhookRequest(completed))).status).toBe(200);
  expect((await billingOf(ws.workspaceId)).planType).toBe(plan);
  return { ws, ...made };
}

describe("Change plan without a subscription: Stripe Checkout", () => {
  it("creates the customer once (also when two owners click together) and a Checkout session naming the workspace", async () => {
    const ws = await createRoleWorkspace(db, "bill-checkout");
    const [a, b] = await Promise.all([
      changePlanAction.run(asOwner(ws), { workspaceId: ws.workspaceId, plan: "starter" }),
      changePlanAction.run(asOwner(ws), { workspaceId: ws.workspaceId, plan: "professional" }),
    ]);
    expect(a).toMatchObject({ ok: true, data: { kind: "checkout" } });
    expect(b).toMatchObject({ ok: true, data: { kind: "checkout" } });
    const { stripeCustomerId } = await billingOf(ws.workspaceId);
    expect(stripeCustomerId).toMatch(/^cus_/);
    const customer = await getStripe().customers.retrieve(stripeCustomerId!);
    expect(customer).toMatchObject({ metadata: { workspace_id: ws.workspaceId } });

    const url = (a as { data: { url: string } }).data.url;
    const session = await getStripe().checkout.sessions.retrieve(decodeURIComponent(url.split("/").pop()!));
    expect(session).toMatchObject({
      mode: "subscription",
      customer: stripeCustomerId,
      client_reference_id: ws.workspaceId,
      metadata: { workspace_id: ws.workspaceId, plan: "starter" },
    });
    // Nothing changes until Stripe says the subscription exists.
    expect(await billingOf(ws.workspaceId)).toMatchObject({ planType: "free", stripeSubscriptionId: null });
  });

  it("refuses admins, and an API key never reaches billing changes", async () => {
    const ws = await createRoleWorkspace(db, "bill-refuse");
    const byAdmin = await changePlanAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      plan: "starter",
    });
    expect(byAdmin).toMatchObject({ ok: false, code: "forbidden" });
    const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["read", "team:write"] });
    const byKey = await callApi({
      method: "PATCH",
      route: "api/workspaces/[workspaceId]/billing",
      params: { workspaceId: ws.workspaceId },
      bearer: key.secret,
      body: { cancelAtPeriodEnd: true },
    });
    expect(byKey.status).toBe(403);
    expect(await billingOf(ws.workspaceId)).toMatchObject({ stripeCustomerId: null, cancelAtPeriodEnd: false });
  });

  it("is already on Free: a clear conflict, nothing created", async () => {
    const ws = await createRoleWorkspace(db, "bill-free");
    const result = await changePlanAction.run(asOwner(ws), { workspaceId: ws.workspaceId, plan: "free" });
    expect(result).toMatchObject({
      ok: false,
      code: "conflict",
      message: "This workspace is already on the Free plan.",
    });
    expect((await billingOf(ws.workspaceId)).stripeCustomerId).toBeNull();
  });
});

describe("Change plan with a subscription", () => {
  it("an upgrade applies now: Stripe's items move to the new prices, the tab's plan and limits follow, audited", async () => {
    const { ws, subscription } = await subscribed("bill-upgrade", "starter");
    const result = await changePlanAction.run(asOwner(ws), { workspaceId: ws.workspaceId, plan: "professional" });
    expect(result).toEqual({ ok: true, data: { kind: "changed", plan: "professional" } });
    const now = await getStripe().subscriptions.retrieve(subscription.id);
    expect(now.items.data.map((item) => item.price.lookup_key).sort()).toEqual([
      "professional_monthly",
      "professional_overage",
    ]);
    expect(await billingOf(ws.workspaceId)).toMatchObject({
      planType: "professional",
      teamMembersLimit: 25,
      apiKeysLimit: 20,
    });
    const audit = await db.auditLog.findFirst({
      where: { workspaceId: ws.workspaceId, action: "billing.plan_changed", actorUserId: ws.actors.owner.userId },
    });
    expect(audit?.after).toMatchObject({ plan: "professional", source: "upgrade" });
  });

  it("a downgrade waits for the period's end (a schedule), then Stripe's update applies it", async () => {
    const { ws, subscription } = await subscribed("bill-downgrade", "professional");
    const result = await changePlanAction.run(asOwner(ws), { workspaceId: ws.workspaceId, plan: "starter" });
    expect(result).toMatchObject({ ok: true, data: { kind: "scheduled", plan: "starter" } });
    const periodEnd = subscription.items.data[0]!.current_period_end * 1000;
    expect(new Date((result as { data: { at: string } }).data.at).getTime()).toBe(periodEnd);
    expect((await billingOf(ws.workspaceId)).planType).toBe("professional");
    expect(await db.billingCycle.findUnique({ where: { workspaceId: ws.workspaceId } })).toMatchObject({
      scheduledPlanType: "starter",
      scheduledPlanChangeAt: new Date(periodEnd),
    });

    // The period ends: Stripe moves the subscription to the next phase and tells us.
    const scheduled = await getStripe().subscriptions.retrieve(subscription.id);
    const { subscription: moved } = await stripeControls().advanceSchedule(String(scheduled.schedule));
    const event = stripeEvent("customer.subscription.updated", moved);
    expect((await stripeWebhook(webhookRequest(event))).status).toBe(200);
    expect((await billingOf(ws.workspaceId)).planType).toBe("starter");
    expect(
      (await db.billingCycle.findUnique({ where: { workspaceId: ws.workspaceId } }))?.scheduledPlanType,
    ).toBeNull();
  });

  it("cancel at the period's end and resume, through PATCH /billing as the tab does", async () => {
    const { ws, subscription } = await subscribed("bill-cancel", "starter");
    const patch = (body: Record<string, unknown>) =>
      callApi({
        method: "PATCH",
        route: "api/workspaces/[workspaceId]/billing",
        params: { workspaceId: ws.workspaceId },
        token: ws.actors.owner.token,
        body,
      });
    const cancelled = await patch({ cancelAtPeriodEnd: true });
    expect(cancelled.json).toEqual({ data: { billingEmail: null, cancelAtPeriodEnd: true } });
    expect((await getStripe().subscriptions.retrieve(subscription.id)).cancel_at_period_end).toBe(true);
    expect((await billingOf(ws.workspaceId)).cancelAtPeriodEnd).toBe(true);
    expect((await patch({ cancelAtPeriodEnd: false })).json.data.cancelAtPeriodEnd).toBe(false);
    expect((await getStripe().subscriptions.retrieve(subscription.id)).cancel_at_period_end).toBe(false);
    expect((await billingOf(ws.workspaceId)).cancelAtPeriodEnd).toBe(false);
  });

  it("the billing email is stored and sent to the Stripe customer", async () => {
    const { ws, customerId } = await subscribed("bill-email", "starter");
    const result = await updateBillingAction.run(asOwner(ws), {
      workspaceId: ws.workspaceId,
      billingEmail: "AP@Acme.example",
    });
    expect(result).toMatchObject({ ok: true, data: { billingEmail: "ap@acme.example" } });
    expect((await billingOf(ws.workspaceId)).billingEmail).toBe("ap@acme.example");
    expect(await getStripe().customers.retrieve(customerId)).toMatchObject({ email: "ap@acme.example" });
    const bad = await updateBillingAction.run(asOwner(ws), {
      workspaceId: ws.workspaceId,
      billingEmail: "not an address",
    });
    expect(bad).toMatchObject({ ok: false, code: "invalid_input" });
    expect((await billingOf(ws.workspaceId)).billingEmail).toBe("ap@acme.example");
  });

  it("Manage billing opens the Customer Portal for the workspace's customer", async () => {
    const { ws } = await subscribed("bill-portal", "starter");
    const result = await openBillingPortalAction.run(asOwner(ws), { workspaceId: ws.workspaceId });
    expect(result).toMatchObject({ ok: true, data: { url: expect.stringMatching(/\/_fake\/portal\/bps_/) } });
    const none = await createRoleWorkspace(db, "bill-portal-none");
    expect(await openBillingPortalAction.run(asOwner(none), { workspaceId: none.workspaceId })).toMatchObject({
      ok: false,
      code: "conflict",
    });
  });
});

describe("the downgrade preview", () => {
  it("lists members, pending invitations, API keys and traces over the new plan's limits, and what happens", async () => {
    const ws = await createRoleWorkspace(db, "bill-preview");
    await db.billingConfig.update({
      where: { workspaceId: ws.workspaceId },
      data: { planType: "starter", tracesCurrentMonth: 12_000n, teamMembersLimit: 10, apiKeysLimit: 5 },
    });
    for (const n of [1, 2, 3]) await createTestApiKey(db, ws.workspaceId, { scopes: ["read"], name: `k${n}` });
    const result = await previewPlanChangeAction.run(asOwner(ws), { workspaceId: ws.workspaceId, plan: "free" });
    expect(result.ok).toBe(true);
    const preview = (
      result as {
        data: {
          direction: string;
          effective: string;
          overLimits: { resource: string; current: number; limit: number }[];
        };
      }
    ).data;
    expect(preview).toMatchObject({ direction: "downgrade", effective: "period_end" });
    expect(preview.overLimits.map(({ resource, current, limit }) => ({ resource, current, limit }))).toEqual([
      { resource: "members", current: 4, limit: 3 },
      { resource: "api_keys", current: 3, limit: 2 },
      { resource: "traces", current: 12_000, limit: 10_000 },
    ]);
    const upgrade = await previewPlanChangeAction.run(asOwner(ws), {
      workspaceId: ws.workspaceId,
      plan: "professional",
    });
    expect(upgrade).toMatchObject({ ok: true, data: { direction: "upgrade", effective: "now", overLimits: [] } });
  });
});
