import { test, type Page } from "@playwright/test";
import { expect } from "./support/expect";
import { signedStripeEvent } from "./support/stripe-webhook";
import { createUser, createWorkspace, db } from "./support/db";
import { signInAs } from "./support/session";
import { env } from "../lib/env";
import { generateApiKey } from "../lib/api-keys/key-format";
import { fakeStripeControls } from "../lib/testing/fake-stripe/fake-stripe-controls";

test.afterAll(() => db.$disconnect());
// Page loads, Stripe round trips and a few seconds of live polling per test, on shared machines.
test.describe.configure({ timeout: 120_000 });

const billingPage = (workspaceId: string) => `/w/${workspaceId}/settings/billing`;
const stripeFake = () => fakeStripeControls(env.STRIPE_API_BASE!);

async function ownerWorkspace(label: string, extra: { role: "admin" | "member" | "viewer" }[] = []) {
  const owner = await createUser(`${label}-owner`, "Olivia Owner");
  const others = [];
  for (const [index, member] of extra.entries())
    others.push({ user: await createUser(`${label}-${index}`), role: member.role });
  const workspace = await createWorkspace(`Billing ${label} ${owner.id.slice(0, 4)}`, [
    { userId: owner.id, role: "owner" },
    ...others.map((o) => ({ userId: o.user.id, role: o.role })),
  ]);
  return { owner, others: others.map((o) => o.user), workspace };
}

/** Clicks a button until the page has hydrated enough for it to act (the dialog or page it opens appears). */
async function clickUntil(page: Page, name: string, then: () => Promise<void>) {
  await expect(async () => {
    await page.getByRole("button", { name }).click();
    await then();
  }).toPass({ timeout: 25_000 });
}

test("an owner sees plan, meters and chart, goes to Checkout, and a signed Stripe event changes the tab live", async ({
  page,
  context,
  baseURL,
}) => {
  const { owner, workspace } = await ownerWorkspace("checkout");
  await db.dailyUsage.create({ data: { workspaceId: workspace.id, day: new Date(), traces: 1234 } });
  await db.billingConfig.update({ where: { workspaceId: workspace.id }, data: { tracesCurrentMonth: 1234 } });
  await signInAs(context, baseURL!, owner.id);
  await page.goto(billingPage(workspace.id));

  await expect(page.getByRole("heading", { name: "Current plan" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Traces" })).toHaveAttribute(
    "aria-valuetext",
    "1,234 of 10,000 (12%)",
  );
  await expect(page.getByRole("progressbar", { name: "Team members" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "API keys" })).toBeVisible();
  const chart = page.getByRole("figure", { name: "Daily traces" });
  await expect(chart).toBeVisible();
  await expect(chart.getByText("Day (UTC)")).toBeVisible();
  await page.getByText("Show the numbers").click();
  await expect(
    page.getByRole("table", { name: "Traces per day this period" }).getByRole("cell", { name: "1,234" }),
  ).toBeVisible();

  const dialog = page.getByRole("alertdialog", { name: "Move to Starter?" });
  await clickUntil(page, "Choose Starter", () => expect(dialog).toBeVisible({ timeout: 2000 }));
  await expect(dialog).toContainText("You pay for Starter on Stripe Checkout");
  await dialog.getByRole("button", { name: "Continue to Checkout" }).click();
  await expect(page).toHaveTitle("Fake Stripe Checkout", { timeout: 20_000 });
  const sessionId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

  // Back on the tab, Stripe completes the payment and posts the event: the tab follows by itself.
  await page.goto(billingPage(workspace.id));
  await expect(page.getByRole("heading", { name: "Current plan" })).toBeVisible();
  const { events } = await stripeFake().completeCheckout(sessionId);
  const completed = events.find((e) => e.type === "checkout.session.completed")!;
  const answer = await page.request.post("/api/webhooks/stripe", signedStripeEvent(completed));
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toEqual({ received: true, outcome: "applied" });
  const plan = page.getByRole("region", { name: "Current plan" });
  await expect(plan.getByText("Starter", { exact: true })).toBeVisible({ timeout: 15_000 });
  // The subscription's first period starts now: the count starts again, against the new limit.
  await expect(page.getByRole("progressbar", { name: "Traces" })).toHaveAttribute(
    "aria-valuetext",
    "0 of 100,000 (0%)",
  );
  await expect(plan).toContainText(/Renews on .* \(in (2[89]|3[01]) days\)/);
  await expect(page.getByRole("button", { name: "Manage billing" })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Cancel plan" })).toBeVisible();
});

test("usage reported through the API moves the Traces meter without a reload", async ({
  page,
  context,
  baseURL,
  playwright,
}) => {
  const { owner, workspace } = await ownerWorkspace("live-usage");
  const key = generateApiKey();
  await db.apiKey.create({
    data: {
      workspaceId: workspace.id,
      name: "Reporter",
      prefix: key.prefix,
      keyHash: key.hash,
      scopes: ["usage:write"],
      creatorRole: "owner",
      createdBy: owner.id,
    },
  });
  await signInAs(context, baseURL!, owner.id);
  await page.goto(billingPage(workspace.id));
  const meter = page.getByRole("progressbar", { name: "Traces" });
  await expect(meter).toHaveAttribute("aria-valuenow", "0");

  const api = await playwright.request.newContext({ baseURL });
  const response = await api.post(`/api/workspaces/${workspace.id}/usage`, {
    headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
    data: { idempotencyKey: "e2e-live-1", traces: 2500 },
  });
  expect(response.status()).toBe(200);
  await api.dispose();
  await expect(meter).toHaveAttribute("aria-valuenow", "2500", { timeout: 15_000 });
});

test("a downgrade lists what would be over the new plan's limits first", async ({ page, context, baseURL }) => {
  const { owner, workspace } = await ownerWorkspace("downgrade", [
    { role: "admin" },
    { role: "member" },
    { role: "viewer" },
  ]);
  await db.billingConfig.update({
    where: { workspaceId: workspace.id },
    data: {
      planType: "starter",
      tracesPerMonthLimit: 100_000,
      teamMembersLimit: 10,
      apiKeysLimit: 5,
      tracesCurrentMonth: 25_000,
    },
  });
  await signInAs(context, baseURL!, owner.id);
  await page.goto(billingPage(workspace.id));
  const dialog = page.getByRole("alertdialog", { name: "Move to Free?" });
  await clickUntil(page, "Choose Free", () => expect(dialog).toBeVisible({ timeout: 2000 }));
  const over = dialog.getByRole("list", { name: "Over the new plan's limits" });
  await expect(over.getByRole("listitem")).toHaveCount(2);
  await expect(over).toContainText("Team members: 4 of 3.");
  await expect(over).toContainText("Nobody is removed");
  await expect(over).toContainText("Traces this period: 25,000 of 10,000.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await db.billingConfig.findUniqueOrThrow({ where: { workspaceId: workspace.id } })).planType).toBe("starter");
});

test("an admin sees billing without plan controls; a member gets the no-access page", async ({
  page,
  context,
  baseURL,
}) => {
  const { workspace, others } = await ownerWorkspace("roles", [{ role: "admin" }, { role: "member" }]);
  const [admin, member] = others;
  await signInAs(context, baseURL!, admin!.id);
  await page.goto(billingPage(workspace.id));
  await expect(page.getByRole("heading", { name: "Current plan" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Traces" })).toBeVisible();
  await expect(page.getByText("Only owners can change the plan.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Choose / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Manage billing" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Cancel plan" })).toHaveCount(0);

  await context.clearCookies();
  await signInAs(context, baseURL!, member!.id);
  await page.goto(billingPage(workspace.id));
  await expect(page.getByText("Billing and usage are visible to owners and admins.")).toBeVisible();
  await expect(page.getByText("Ask Olivia Owner, an owner of this workspace, if you need it.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Current plan" })).toHaveCount(0);
});

test("a failed payment puts a banner on every settings page: owners can update the payment method", async ({
  page,
  context,
  baseURL,
}) => {
  const { owner, workspace, others } = await ownerWorkspace("past-due", [{ role: "admin" }]);
  await db.billingConfig.update({
    where: { workspaceId: workspace.id },
    data: { planType: "starter", planStatus: "past_due", stripeCustomerId: null },
  });
  await signInAs(context, baseURL!, owner.id);
  for (const tab of ["team", "billing", "api-keys"]) {
    await page.goto(`/w/${workspace.id}/settings/${tab}`);
    const banner = page.getByRole("alert").filter({ hasText: "A payment for this workspace failed." });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole("button", { name: "Update payment method" })).toBeVisible();
  }
  await context.clearCookies();
  await signInAs(context, baseURL!, others[0]!.id);
  await page.goto(`/w/${workspace.id}/settings/team`);
  const banner = page.getByRole("alert").filter({ hasText: "A payment for this workspace failed." });
  await expect(banner).toContainText("An owner can fix this on the Billing tab.");
  await expect(banner.getByRole("button", { name: "Update payment method" })).toHaveCount(0);
});
