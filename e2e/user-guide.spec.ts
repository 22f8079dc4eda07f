import { fileURLToPath } from "node:url";
import { test, type Locator, type Page } from "@playwright/test";
import { env } from "../lib/env";
import { fakeStripeControls } from "../lib/testing/fake-stripe/fake-stripe-controls";
import { db } from "./support/db";
import { expect } from "./support/expect";
import { signedStripeEvent } from "./support/stripe-webhook";
import { guideScreenshot } from "./support/guide-screenshot";
import {
  addGuideViewer,
  createGuideIntegrations,
  createGuideWorkspace,
  GUIDE_BILLING_EMAIL,
  GUIDE_INVITEE,
  GUIDE_PEOPLE,
  GUIDE_WORKSPACE_NAME,
  markGuideKeyUsed,
  setGuideUsagePeriod,
  switchOffGuideIntegrations,
} from "./support/guide-workspace";
import { signInAs } from "./support/session";
import { memberEntry } from "./support/team-fixtures";

// The screenshots of docs/user-guide.md, taken from the running app in a workspace of the spec's own
// ("Northwind Labs", new on every run). Each step checks what the guide says about the screen it
// shows (headings, buttons, messages), so a change to the app that makes the guide wrong fails here;
// the pictures are rewritten on every run (CI may commit them).

const shots = fileURLToPath(new URL("../docs/user-guide/", import.meta.url));
const shot = (name: string) => `${shots}${name}.png`;

let guideOwnerId: string | undefined;
test.afterAll(async () => {
  if (guideOwnerId) await switchOffGuideIntegrations(guideOwnerId);
  await db.$disconnect();
});
test.use({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
// A Checkout round trip, a dozen pages and server actions on a shared two-core machine.
test.describe.configure({ timeout: 300_000 });

/**
 * Clicks until the page has hydrated enough for the click to open what it opens (a click before
 * hydration does nothing); never clicks again once it is open, nor waits on a covered button.
 */
async function openWith(button: Locator, opened: Locator) {
  await expect(async () => {
    if (!(await opened.isVisible())) await button.click({ timeout: 3_000 });
    await expect(opened).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** Loads a settings page afresh (no toasts left from the previous step) and waits for its heading. */
async function open(page: Page, url: string, heading: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { name: heading, exact: true }).first()).toBeVisible();
}

test("the user guide's screenshots: Team, Billing, Integrations, API keys and the audit log", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the guide shows the desktop layout");
  const { workspace, owner } = await createGuideWorkspace();
  guideOwnerId = owner.id;
  const settings = `/w/${workspace.id}/settings`;
  const { admin, member, viewer } = GUIDE_PEOPLE;
  await signInAs(context, baseURL!, owner.id);

  await test.step("Billing: the Free plan, usage and the plans", async () => {
    await setGuideUsagePeriod(workspace.id);
    await open(page, `${settings}/billing`, "Current plan");
    const plan = page.getByRole("region", { name: "Current plan" });
    await expect(plan.getByText("Free", { exact: true })).toBeVisible();
    await expect(plan).toContainText("$0.00 per month");
    await expect(plan).toContainText(/Usage resets on .+ \(in 18 days\)\./);
    await expect(plan).toContainText(GUIDE_BILLING_EMAIL);
    await expect(page.getByRole("progressbar", { name: "Traces" })).toHaveAttribute(
      "aria-valuetext",
      "3,250 of 10,000 (33%)",
    );
    await expect(page.getByRole("progressbar", { name: "Team members" })).toHaveAttribute(
      "aria-valuetext",
      "3 of 3 (100%)",
    );
    await expect(page.getByRole("progressbar", { name: "API keys" })).toHaveAttribute("aria-valuetext", "1 of 2 (50%)");
    const usage = page.getByRole("region", { name: "Usage this period" });
    await expect(usage).toContainText("None: traces past 10,000 are refused until");
    await expect(usage).toContainText(/\$0\.00 \(about [\d,]+ traces by the period's end\)/);
    const subscription = page.getByRole("region", { name: "Subscription" });
    await expect(subscription.getByRole("button", { name: "Manage billing" })).toBeDisabled();
    await expect(subscription).toContainText("Payment methods and invoices appear here once you choose a paid plan.");
    await expect(subscription.getByLabel("Billing email")).toHaveValue(GUIDE_BILLING_EMAIL);
    await guideScreenshot(page, shot("billing"));

    const chart = page.getByRole("region", { name: "Daily traces" });
    await expect(chart.getByRole("figure", { name: "Daily traces" })).toBeVisible();
    await expect(chart).toContainText("the dashed line is the forecast to the period's end");
    await expect(chart.getByText("Show the numbers")).toBeVisible();
    await guideScreenshot(page, shot("billing-usage"), chart);

    const plans = page.getByRole("region", { name: "Plans" });
    await expect(plans.getByRole("button", { name: "Free is your current plan" })).toBeDisabled();
    await expect(plans.getByRole("button", { name: "Choose Starter" })).toBeVisible();
    await expect(plans.getByRole("button", { name: "Choose Professional" })).toBeVisible();
    await expect(plans).toContainText("Overage $0.50 per 1,000 traces");
    await expect(plans).toContainText("Hard limit: no overage");
    await guideScreenshot(page, shot("billing-plans"), plans);
  });

  await test.step("Billing: upgrading through Stripe Checkout", async () => {
    const confirm = page.getByRole("alertdialog", { name: "Move to Starter?" });
    await openWith(page.getByRole("button", { name: "Choose Starter" }), confirm);
    await expect(confirm).toContainText("You pay for Starter on Stripe Checkout");
    await expect(confirm.getByRole("button", { name: "Continue to Checkout" })).toBeVisible();
    await guideScreenshot(page, shot("billing-upgrade"));
    await confirm.getByRole("button", { name: "Continue to Checkout" }).click();
    await expect(page).toHaveTitle("Fake Stripe Checkout", { timeout: 20_000 });
    const sessionId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

    // Stripe takes the payment and posts the event; the tab follows by itself.
    await open(page, `${settings}/billing`, "Current plan");
    const { events } = await fakeStripeControls(env.STRIPE_API_BASE!).completeCheckout(sessionId);
    const completed = events.find((e) => e.type === "checkout.session.completed")!;
    const answer = await page.request.post("/api/webhooks/stripe", signedStripeEvent(completed));
    expect(answer.status()).toBe(200);
    const plan = page.getByRole("region", { name: "Current plan" });
    await expect(plan.getByText("Starter", { exact: true })).toBeVisible();
    // Loaded again, so that "in N days" is counted from now rather than from the first load.
    await open(page, `${settings}/billing`, "Current plan");
    await expect(plan.getByText("Starter", { exact: true })).toBeVisible();
    await expect(plan).toContainText("$49.00 per month");
    await expect(plan).toContainText(/Renews on .+ \(in \d+ days\)\./);
    const subscription = page.getByRole("region", { name: "Subscription" });
    await expect(subscription.getByRole("button", { name: "Manage billing" })).toBeEnabled();
    await expect(subscription.getByRole("button", { name: "Cancel plan" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Starter is your current plan" })).toBeDisabled();
    await guideScreenshot(page, shot("billing-subscription"), plan.locator("xpath=.."));
  });

  await test.step("Team: the members, and inviting someone", async () => {
    await addGuideViewer(workspace.id);
    await open(page, `${settings}/team`, "Team");
    await expect(page.getByText("4 of 10 seats used (active members and pending invitations)")).toBeVisible();
    await expect(page.getByRole("button", { name: "Leave workspace" })).toBeDisabled();
    await expect(page.getByText("You are the only owner. Transfer ownership before leaving.")).toBeVisible();

    const dialog = page.getByRole("dialog", { name: "Invite members" });
    await openWith(page.getByRole("button", { name: "Invite member" }), dialog);
    await expect(dialog).toContainText("They get an email with a link that works for 7 days.");
    await dialog.getByLabel("Email").fill(GUIDE_INVITEE);
    await expect(dialog.getByLabel("Role")).toHaveText("Member");
    await guideScreenshot(page, shot("team-invite"));
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await expect(dialog.getByRole("status")).toHaveText(`Invitation sent to ${GUIDE_INVITEE}`);
    await expect(dialog.getByRole("button", { name: `Copy link for ${GUIDE_INVITEE}` })).toBeVisible();
    await dialog.getByRole("button", { name: "Done" }).click();

    await open(page, `${settings}/team`, "Team");
    await expect(page.getByText("5 of 10 seats used (active members and pending invitations)")).toBeVisible();
    await expect(memberEntry(page, GUIDE_PEOPLE.owner.name)).toContainText("(you)");
    for (const person of [admin, member, viewer])
      await expect(memberEntry(page, person.name)).toContainText(person.email);
    const pending = page.getByRole("region", { name: "Pending invitations" });
    const invitation = pending.getByRole("listitem").filter({ hasText: GUIDE_INVITEE });
    await expect(invitation).toContainText(`by ${GUIDE_PEOPLE.owner.name} · expires in 7 days`);
    await expect(invitation).toContainText("Member");
    for (const name of [
      `Resend invitation to ${GUIDE_INVITEE}`,
      `Copy link for ${GUIDE_INVITEE}`,
      `Revoke invitation to ${GUIDE_INVITEE}`,
    ])
      await expect(invitation.getByRole("button", { name })).toBeVisible();
    await guideScreenshot(page, shot("team"));

    // Resend asks first, saying that the old link stops working; cancelled here.
    const resend = page.getByRole("alertdialog", { name: `Resend the invitation to ${GUIDE_INVITEE}?` });
    await openWith(invitation.getByRole("button", { name: `Resend invitation to ${GUIDE_INVITEE}` }), resend);
    await expect(resend).toContainText("The link sent before stops working at once.");
    await resend.getByRole("button", { name: "Cancel" }).click();
    await expect(resend).toHaveCount(0);
  });

  await test.step("Team: a member's actions menu and role", async () => {
    const sofia = memberEntry(page, member.name);
    const menu = page.getByRole("menu");
    await openWith(sofia.getByRole("button", { name: `Actions for ${member.name}` }), menu);
    await expect(menu.getByRole("menuitem")).toHaveText([/^Deactivate/, /^Transfer ownership/, /^Remove/]);
    await guideScreenshot(page, shot("team-actions"));
    // Remove asks first and says where removed people go; cancelled here.
    await menu.getByRole("menuitem", { name: `Remove ${member.name}` }).click();
    const remove = page.getByRole("alertdialog", { name: `Remove ${member.name}?` });
    await expect(remove).toContainText("You can restore them from Removed members.");
    await remove.getByRole("button", { name: "Cancel" }).click();
    await expect(remove).toHaveCount(0);

    const tom = memberEntry(page, viewer.name);
    const roles = page.getByRole("listbox");
    await openWith(tom.getByRole("combobox", { name: `Change role for ${viewer.name}` }), roles);
    await expect(roles.getByRole("option")).toHaveText(["Owner", "Admin", "Member", "Viewer"]);
    await guideScreenshot(page, shot("team-role"));
    await roles.getByRole("option", { name: "Member" }).click();
    await expect(page.getByText(`${viewer.name} is now member`)).toBeVisible();
    await expect(tom.getByRole("combobox", { name: `Change role for ${viewer.name}` })).toHaveText("Member");
  });

  await test.step("Integrations: the list and the catalogue", async () => {
    await createGuideIntegrations(workspace.id);
    await open(page, `${settings}/integrations`, "Integrations");
    const cards = page.getByRole("list", { name: "Integrations" }).getByRole("article");
    await expect(cards).toHaveCount(4);
    const slack = page.getByRole("article", { name: "Agent alerts" });
    await expect(slack).toContainText("Slack · #agent-alerts (hooks.slack.com)");
    await expect(slack).toContainText("alert.triggered, alert.resolved · severity ≥ warning");
    await expect(slack.getByText("Health: healthy")).toBeVisible();
    await expect(slack.getByRole("switch", { name: "Enabled" })).toBeChecked();
    await expect(slack.getByRole("button", { name: "Send test event" })).toBeVisible();
    await expect(slack.getByRole("button", { name: "Actions for Agent alerts" })).toBeVisible();
    const webhook = page.getByRole("article", { name: "Usage notices" });
    await expect(webhook.getByText("Health: degraded")).toBeVisible();
    await expect(webhook).toContainText("Last error (14 minutes ago): Receiver answered HTTP 503 Service Unavailable");
    await expect(webhook).toContainText(/Signing secret …\w{4}/);
    const datadog = page.getByRole("article", { name: "Usage dashboards" });
    await expect(datadog.getByRole("switch", { name: "Enabled" })).not.toBeChecked();
    await expect(datadog).toContainText("Turned off. Events that arrive meanwhile are not sent to it.");
    await guideScreenshot(page, shot("integrations"));

    const actions = page.getByRole("menu");
    await openWith(webhook.getByRole("button", { name: "Actions for Usage notices" }), actions);
    await expect(actions.getByRole("menuitem")).toHaveText([
      "Edit",
      "Delivery log",
      "Replay since…",
      "Rotate signing secret",
      "Delete",
    ]);
    await page.keyboard.press("Escape");
    await expect(actions).toHaveCount(0);

    const catalogue = page.getByRole("dialog", { name: "Add integration" });
    await openWith(page.getByRole("button", { name: "Add integration" }), catalogue);
    await expect(catalogue.getByRole("list", { name: "Integration types" }).getByRole("button")).toHaveText([
      /^Slack/,
      /^PagerDuty/,
      /^Webhook/,
      /^Sentry/,
      /^Datadog/,
      /^Custom/,
    ]);
    await guideScreenshot(page, shot("integrations-add"));
    await page.keyboard.press("Escape");
    await expect(catalogue).toHaveCount(0);
  });

  await test.step("API keys: creating one, and the list", async () => {
    await markGuideKeyUsed(workspace.id);
    await open(page, `${settings}/api-keys`, "API keys");
    await expect(page.getByText("1 of 5 keys on the Starter plan")).toBeVisible();
    const dialog = page.getByRole("dialog", { name: "Create API key" });
    await openWith(page.getByRole("button", { name: "Create API key" }), dialog);
    await dialog.getByLabel("Name").fill("CI deploys");
    const scopes = dialog.getByRole("group", { name: "Scopes" });
    await expect(scopes.getByRole("checkbox")).toHaveCount(5);
    await expect(scopes.getByRole("checkbox", { name: "read", exact: true })).toBeChecked();
    await expect(scopes.getByRole("checkbox", { name: "read", exact: true })).toHaveAccessibleDescription(
      "Read team, billing, integrations and audit log — never secrets",
    );
    await expect(scopes.getByRole("checkbox", { name: "usage:write" })).toHaveAccessibleDescription(
      "Report usage (traces) for billing",
    );
    await scopes.getByRole("checkbox", { name: "integrations:write" }).check();
    await expect(dialog.getByLabel("Expires")).toHaveValue("");
    await guideScreenshot(page, shot("api-keys-create"));
    await dialog.getByRole("button", { name: "Create key" }).click();

    // The one-time reveal: checked, never photographed.
    const reveal = page.getByRole("dialog", { name: "API key created" });
    await expect(reveal.getByText("This is the only time the key is shown. Store it somewhere safe.")).toBeVisible();
    await expect(reveal.getByRole("button", { name: "Copy API key" })).toBeVisible();
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toHaveCount(0);

    await open(page, `${settings}/api-keys`, "API keys");
    await expect(page.getByText("2 of 5 keys on the Starter plan")).toBeVisible();
    const ci = page.getByRole("row").filter({ hasText: "CI deploys" });
    await expect(ci).toContainText(/obs_live_\w{4}…/);
    await expect(ci).toContainText("read");
    await expect(ci).toContainText("integrations:write");
    await expect(ci).toContainText(`by ${GUIDE_PEOPLE.owner.name}`);
    await expect(ci).toContainText("Never");
    const reporter = page.getByRole("row").filter({ hasText: "Usage reporter" });
    await expect(reporter).toContainText("4 minutes ago");
    await expect(reporter).toContainText(`by ${admin.name}`);
    await expect(ci.getByRole("button", { name: "Revoke CI deploys" })).toBeVisible();
    await expect(page.getByRole("link", { name: "API reference" })).toHaveAttribute("href", "/docs/api");
    await guideScreenshot(page, shot("api-keys"));
  });

  await test.step("Audit log: what happened, as sentences", async () => {
    await open(page, `${settings}/audit-log`, "Audit log");
    const entries = page.getByRole("list", { name: "Audit log entries" }).getByRole("listitem");
    const owner = GUIDE_PEOPLE.owner.name;
    await expect(entries.filter({ hasText: `${owner} created the API key “CI deploys”` })).toHaveCount(1);
    await expect(entries.filter({ hasText: `${owner} changed ${viewer.name}'s role: Viewer → Member` })).toHaveCount(1);
    await expect(entries.filter({ hasText: `${owner} invited ${GUIDE_INVITEE} as Member` })).toHaveCount(1);
    await expect(entries.filter({ hasText: /changed the plan: Free → Starter/ })).toHaveCount(1);
    await expect(entries.first()).toContainText("api_key.created");
    const filters = page.getByRole("search", { name: "Filter the audit log" });
    await expect(filters.getByRole("searchbox", { name: "Actor" })).toBeVisible();
    await expect(filters.getByRole("combobox")).toHaveValue(""); // Action: "All actions"
    await expect(filters.getByRole("option", { name: "Any member change" })).toBeAttached();
    await expect(filters.getByLabel("From", { exact: true })).toBeVisible();
    await expect(filters.getByLabel("To", { exact: true })).toBeVisible();
    await expect(filters.getByRole("button", { name: "Apply filters" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /format=csv/);
    await guideScreenshot(page, shot("audit-log"));
  });

  // The header names the workspace the screenshots show.
  await expect(
    page.getByRole("button", { name: `Workspace: ${GUIDE_WORKSPACE_NAME}. Switch workspace` }),
  ).toBeVisible();
});
