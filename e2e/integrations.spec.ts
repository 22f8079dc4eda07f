import { test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expect } from "./support/expect";
import { createUser, createWorkspace, db, uniqueEmail } from "./support/db";
import { signInAs } from "./support/session";
import { startHttpReceiver, type HttpReceiver } from "../lib/testing/http-receiver";

// The Integrations tab (components/integrations): adding a webhook, its one-time signing secret, a
// test event answered in place, the delivery log, the switch; a real event delivered by the job
// worker (`npm test` starts it; INTEGRATIONS_ALLOW_PRIVATE_NETWORKS lets it reach this loopback
// receiver); and the read-only list of a member.
test.afterAll(() => db.$disconnect());
// Several server round trips per test, and a delivery through the worker, on a shared machine.
test.describe.configure({ timeout: 180_000 });

const integrationsPage = (workspaceId: string) => `/w/${workspaceId}/settings/integrations`;

let receiver: HttpReceiver;
test.beforeEach(async () => {
  receiver = await startHttpReceiver();
  receiver.respondWith({ status: 200, body: { received: true } });
});
test.afterEach(() => receiver.stop());

/** Opens "Add integration" (retried: a click before hydration finishes does nothing). */
async function openAddDialog(page: Page) {
  const dialog = page.getByRole("dialog", { name: "Add integration" });
  await expect(async () => {
    await page.getByRole("button", { name: "Add integration" }).click();
    await expect(dialog).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  return dialog;
}

/** Adds a Webhook integration through the form and returns the signing secret shown once. */
async function addWebhook(page: Page, name: string, url: string): Promise<string> {
  const catalogue = await openAddDialog(page);
  await catalogue.getByRole("button", { name: "Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Webhook integration" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Endpoint URL").fill(url);
  await dialog.getByRole("button", { name: "Add integration" }).click();

  const reveal = page.getByRole("dialog", { name: "Signing secret" });
  await expect(reveal.getByText("you will not see it again")).toBeVisible();
  await expect(reveal).toContainText("Standard Webhooks");
  const secret = await reveal.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  return secret;
}

const card = (page: Page, name: string) => page.getByRole("article", { name });

test("an admin adds a webhook, sees its secret once, sends a test event, reads the delivery log and turns it off", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const owner = await createUser("hooks-owner", "Olga Owner");
  const admin = await createUser("hooks-admin", "Ada Admin");
  const workspace = await createWorkspace(`Hooks ${admin.id.slice(0, 4)}`, [
    { userId: owner.id, role: "owner" },
    { userId: admin.id, role: "admin" },
  ]);
  await signInAs(context, baseURL!, admin.id);
  await page.goto(integrationsPage(workspace.id));
  await expect(page.getByRole("heading", { name: "Integrations", level: 2 })).toBeVisible();
  await expect(page.getByText("No integrations yet")).toBeVisible();

  // The form checks its input with the action's schema: each field says how to fix it.
  const catalogue = await openAddDialog(page);
  await expect(catalogue.getByRole("button")).toContainText(["Slack", "PagerDuty", "Webhook", "Sentry", "Datadog"]);
  await catalogue.getByRole("button", { name: "Webhook" }).click();
  const form = page.getByRole("dialog", { name: "Add Webhook integration" });
  await form.getByLabel("Endpoint URL").fill("ftp://files.example.com/drop");
  await form.getByRole("button", { name: "Add integration" }).click();
  await expect(form.getByLabel("Name")).toHaveAccessibleDescription(/Give the integration a name/);
  await expect(form.getByLabel("Endpoint URL")).toHaveAccessibleDescription(/must start with https:\/\//);
  expect(await db.integrationConfig.count({ where: { workspaceId: workspace.id } })).toBe(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  const secret = await addWebhook(page, "Receiver", receiver.url("/hooks"));
  const receiverCard = card(page, "Receiver");
  await expect(receiverCard).toContainText(`Webhook · 127.0.0.1:${receiver.port}`);
  await expect(receiverCard).toContainText("All events · severity ≥ info");
  await expect(receiverCard.getByText("Health: unknown")).toBeVisible();
  await expect(receiverCard.getByRole("switch", { name: "Enabled" })).toBeChecked();
  await expect(receiverCard).toContainText(`Signing secret …${secret.slice(-4)}`);
  // Shown once: the page (reloaded) never carries the secret again.
  await page.reload();
  await expect(receiverCard).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // The test event's outcome shows in the card, with the receiver's answer.
  await expect(async () => {
    await receiverCard.getByRole("button", { name: "Send test event" }).click();
    // Once hydrated, the click shows "Sending…" at once (a second click would send a second event).
    await expect(receiverCard.getByRole("status")).toContainText(/Sending a test event|Test event:/, {
      timeout: 2000,
    });
  }).toPass({ timeout: 30_000 });
  const outcome = receiverCard.getByRole("status");
  // Latency as the card writes it: "43 ms", or "1,105 ms" on a busy machine.
  await expect(outcome).toContainText(/Delivered · HTTP 200 · [\d,]+ ms/);
  await expect(outcome.locator("pre")).toHaveText('{"received":true}');
  const testRequest = await receiver.waitFor((r) => r.path === "/hooks", 10_000);
  expect(JSON.parse(testRequest.body)).toMatchObject({ type: "integration.test" });
  expect(() => new Webhook(secret).verify(testRequest.rawBody.toString("utf8"), testRequest.headers)).not.toThrow();
  await page.screenshot({ path: testInfo.outputPath("integrations-test-event.png"), fullPage: true });

  // The delivery log lists it, with its status and latency.
  await receiverCard.getByRole("button", { name: "Actions for Receiver" }).click();
  await page.getByRole("menuitem", { name: "Delivery log" }).click();
  const log = page.getByRole("dialog", { name: "Delivery log for Receiver" });
  const row = log.getByRole("row").filter({ hasText: "integration.test" });
  await expect(row).toContainText("Succeeded");
  await expect(row).toContainText(/\d+ ms/);
  await expect(row).toContainText("200");
  await expect(row.getByRole("button", { name: "Retry now" })).toHaveCount(0); // test events are not retried
  await row.getByRole("button", { name: /^Attempts/ }).click();
  await expect(log.getByRole("list", { name: "Attempts, newest first" })).toContainText("Attempt 1");
  await page.screenshot({ path: testInfo.outputPath("integrations-delivery-log.png") });
  await page.keyboard.press("Escape");
  await expect(log).toHaveCount(0);

  // Off asks nothing; the integration stays, switched off.
  await receiverCard.getByRole("switch", { name: "Enabled" }).click();
  await expect(page.getByText(/Turned off “Receiver”/)).toBeVisible();
  await expect(receiverCard.getByRole("switch", { name: "Enabled" })).not.toBeChecked();
  await expect
    .poll(async () => (await db.integrationConfig.findFirstOrThrow({ where: { workspaceId: workspace.id } })).isEnabled)
    .toBe(false);
  await page.reload();
  await expect(receiverCard.getByRole("switch", { name: "Enabled" })).not.toBeChecked();
  await expect(receiverCard).toContainText("Turned off.");
});

test("with a webhook on, inviting a member on the Team tab delivers a signed member.invited event", async ({
  page,
  context,
  baseURL,
}) => {
  const owner = await createUser("hooks-inviter", "Iris Owner");
  const workspace = await createWorkspace(`Hook events ${owner.id.slice(0, 4)}`, [{ userId: owner.id, role: "owner" }]);
  await db.billingConfig.update({ where: { workspaceId: workspace.id }, data: { teamMembersLimit: 10 } });
  await signInAs(context, baseURL!, owner.id);
  await page.goto(integrationsPage(workspace.id));
  const secret = await addWebhook(page, "Team events", receiver.url("/team-events"));

  const invitee = uniqueEmail("hook-invitee");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Team" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${workspace.id}/settings/team$`));
  const dialog = page.getByRole("dialog", { name: "Invite members" });
  await expect(async () => {
    await page.getByRole("button", { name: "Invite member" }).click();
    await expect(dialog).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await dialog.getByLabel("Email").fill(invitee);
  await dialog.getByLabel("Role").click();
  await page.getByRole("option", { name: "Member" }).click();
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog.getByRole("status")).toHaveText(`Invitation sent to ${invitee}`);

  // The worker's dispatcher picks the event from the outbox and the webhook sender signs it.
  const delivered = await receiver.waitFor(
    (r) => r.path === "/team-events" && r.body.includes("member.invited"),
    30_000,
  );
  const verified = new Webhook(secret).verify(delivered.rawBody.toString("utf8"), delivered.headers) as {
    type: string;
    data: Record<string, unknown>;
  };
  expect(verified.type).toBe("member.invited");
  expect(verified.data).toMatchObject({ workspace_id: workspace.id });
  expect(JSON.stringify(verified.data)).toContain(invitee);
  expect(delivered.headers["webhook-id"]).toBeTruthy();

  // The tab shows it: the delivery log has it, succeeded.
  await page.goto(integrationsPage(workspace.id));
  const hook = card(page, "Team events");
  await expect(async () => {
    await hook.getByRole("button", { name: "Actions for Team events" }).click();
    await page.getByRole("menuitem", { name: "Delivery log" }).click({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  const log = page.getByRole("dialog", { name: "Delivery log for Team events" });
  await expect(log.getByRole("row").filter({ hasText: "member.invited" })).toContainText("Succeeded");
});

/** Opens a card's actions menu and picks an item (retried: the menu opens only once hydrated). */
async function pickAction(page: Page, name: string, item: string) {
  await expect(async () => {
    await card(page, name)
      .getByRole("button", { name: `Actions for ${name}` })
      .click();
    await page.getByRole("menuitem", { name: item }).click({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

test("an owner edits a webhook, rotates its secret (both sign for a day), replays, and deletes it", async ({
  page,
  context,
  baseURL,
}) => {
  const owner = await createUser("hooks-editor", "Eve Owner");
  const workspace = await createWorkspace(`Hook edits ${owner.id.slice(0, 4)}`, [{ userId: owner.id, role: "owner" }]);
  await signInAs(context, baseURL!, owner.id);
  await page.goto(integrationsPage(workspace.id));
  const first = await addWebhook(page, "Hook", receiver.url("/edits"));

  // Edit: the secret is not asked for again; the filters change.
  await pickAction(page, "Hook", "Edit");
  const edit = page.getByRole("dialog", { name: "Edit Hook" });
  await expect(edit.getByLabel("Endpoint URL")).toHaveValue(receiver.url("/edits"));
  await edit.getByLabel("Name").fill("Hook renamed");
  await edit
    .getByRole("group", { name: "Events" })
    .getByRole("checkbox", { name: /alert\.triggered/ })
    .check();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved changes to “Hook renamed”.")).toBeVisible();
  await expect(card(page, "Hook renamed")).toContainText("alert.triggered · severity ≥ info");

  // Rotate: a new secret, shown once; for 24 hours requests carry both signatures.
  await pickAction(page, "Hook renamed", "Rotate signing secret");
  await page
    .getByRole("alertdialog", { name: /Rotate the signing secret/ })
    .getByRole("button", {
      name: "Rotate signing secret",
    })
    .click();
  const reveal = page.getByRole("dialog", { name: "Signing secret" });
  await expect(reveal).toContainText("The previous secret keeps signing too");
  const second = await reveal.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(second).toMatch(/^whsec_/);
  expect(second).not.toBe(first);
  await reveal.getByRole("button", { name: "Done" }).click();
  const hook = card(page, "Hook renamed");
  await hook.getByRole("button", { name: "Send test event" }).click();
  await expect(hook.getByRole("status")).toContainText(/Delivered · HTTP 200/);
  const signed = await receiver.waitFor((r) => r.path === "/edits", 10_000);
  expect(signed.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
  for (const secret of [first, second]) {
    expect(() => new Webhook(secret).verify(signed.rawBody.toString("utf8"), signed.headers)).not.toThrow();
  }

  // Replay since…: nothing matched since yesterday, and it says so.
  await pickAction(page, "Hook renamed", "Replay since…");
  const replay = page.getByRole("dialog", { name: "Replay events to Hook renamed" });
  await expect(replay.getByLabel("Replay events since")).toHaveAttribute("min", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  await replay.getByRole("checkbox", { name: "Also resend events that were already delivered" }).check();
  await replay.getByRole("button", { name: "Replay" }).click();
  await expect(page.getByText(/Queued 0 events for “Hook renamed”/)).toBeVisible();
  await expect(replay).toHaveCount(0);

  // Delete asks first, naming it.
  await pickAction(page, "Hook renamed", "Delete");
  const confirm = page.getByRole("alertdialog", { name: "Delete Hook renamed?" });
  await confirm.getByRole("button", { name: "Delete integration" }).click();
  await expect(page.getByText("Deleted “Hook renamed”.")).toBeVisible();
  await expect(page.getByText("No integrations yet")).toBeVisible();
  expect(await db.integrationConfig.count({ where: { workspaceId: workspace.id } })).toBe(0);
});

test("a member sees the integrations read-only, with whom to ask", async ({ page, context, baseURL }, testInfo) => {
  const owner = await createUser("hooks-ro-owner", "Olga Owner");
  const member = await createUser("hooks-ro-member", "Mo Member");
  const workspace = await createWorkspace(`Hooks read-only ${member.id.slice(0, 4)}`, [
    { userId: owner.id, role: "owner" },
    { userId: member.id, role: "member" },
  ]);
  await db.integrationConfig.create({
    data: {
      workspaceId: workspace.id,
      integrationType: "webhook",
      name: "Warehouse sink",
      config: { url: "https://hooks.example.com/sink" },
      eventFilters: { event_types: ["alert.triggered", "alert.resolved"], min_severity: "warning" },
      healthStatus: "healthy",
    },
  });
  await signInAs(context, baseURL!, member.id);
  await page.goto(integrationsPage(workspace.id));

  const sink = card(page, "Warehouse sink");
  await expect(sink).toContainText("alert.triggered, alert.resolved · severity ≥ warning");
  await expect(sink.getByText("Health: healthy")).toBeVisible();
  await expect(page.getByText("Only owners and admins can change integrations. Ask Olga Owner.")).toBeVisible();
  const enabled = sink.getByRole("switch", { name: "Enabled" });
  await expect(enabled).toBeChecked();
  await expect(enabled).toBeDisabled();
  await expect(page.getByRole("button", { name: "Add integration" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send test event" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Actions for/ })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("integrations-read-only.png"), fullPage: true });

  // The log is readable, without "Retry now".
  await expect(async () => {
    await sink.getByRole("button", { name: "Delivery log" }).click();
    await expect(page.getByRole("dialog", { name: "Delivery log for Warehouse sink" })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("dialog").getByText("No deliveries yet")).toBeVisible();
});
