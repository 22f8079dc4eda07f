import { test } from "@playwright/test";
import { expect } from "./support/expect";
import { createUser, createWorkspace, db } from "./support/db";
import { waitForLink } from "./support/mailbox";
import { signInAs } from "./support/session";
import { memberEntry } from "./support/team-fixtures";

test.afterAll(() => db.$disconnect());
// Magic links through the SMTP sink and several page loads per test, on machines shared with other suites.
test.describe.configure({ timeout: 90_000 });

test("sign in by magic link, switch workspaces, create one, sign out", async ({ page }) => {
  const user = await createUser("magic");
  const owned = await createWorkspace(`Alpha ${user.id.slice(0, 4)}`, [{ userId: user.id, role: "owner" }]);
  const viewed = await createWorkspace(`Beta ${user.id.slice(0, 4)}`, [{ userId: user.id, role: "viewer" }]);

  await page.goto(`/w/${owned.id}/settings/billing`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Email").fill(user.email.toUpperCase());
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  // The link comes from a real SMTP server on loopback.
  await page.goto(await waitForLink(user.email, "/api/auth/callback/nodemailer"));
  await expect(page).toHaveURL(new RegExp(`/w/${owned.id}/settings/billing$`));
  await expect(page.getByRole("heading", { name: "Current plan" })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Settings" });
  await expect(nav.getByRole("link")).toHaveText(["Team", "Billing", "Integrations", "API keys", "Audit log"]);
  await expect(page.getByRole("progressbar", { name: "Traces" })).toBeVisible();

  // Switch to the workspace where this user is a viewer.
  await page.getByRole("button", { name: `Workspace: ${owned.name}. Switch workspace` }).click();
  await page.getByRole("menuitem", { name: new RegExp(viewed.name) }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${viewed.id}/settings/team$`));
  await expect(nav.getByRole("link")).toHaveText(["Team", "Integrations"]);
  await expect(memberEntry(page, user.email)).toBeVisible();

  // Create a third workspace: the user becomes its owner.
  await page.goto("/workspaces/new");
  await page.getByLabel("Workspace name").fill("Gamma labs");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("Workspace “Gamma labs” created")).toBeVisible();
  await expect(nav.getByRole("link")).toHaveText(["Team", "Billing", "Integrations", "API keys", "Audit log"]);
  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("list", { name: "Audit log entries" })).toContainText(
    "created the workspace “Gamma labs”",
  );

  // Sign out, with a confirmation step; the settings are then behind sign-in again.
  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto(`/w/${owned.id}/settings/team`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a used sign-in link does not work twice", async ({ page, context, baseURL }) => {
  const user = await createUser("once");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const link = await waitForLink(user.email, "/api/auth/callback/nodemailer");
  await page.goto(link);
  await expect(page).toHaveURL(/\/workspaces\/new$/);
  await expect(page.getByRole("heading", { name: "Create your first workspace" })).toBeVisible();

  await context.clearCookies();
  await page.goto(link);
  await expect(page.getByText("That sign-in link has expired or was already used")).toBeVisible();
  void baseURL;
});

const ROLE_TABS = {
  owner: ["Team", "Billing", "Integrations", "API keys", "Audit log"],
  admin: ["Team", "Billing", "Integrations", "API keys", "Audit log"],
  member: ["Team", "Integrations"],
  viewer: ["Team", "Integrations"],
} as const;

for (const role of ["owner", "admin", "member", "viewer"] as const) {
  test(`a ${role} sees the tabs a ${role} should see, and the server refuses the rest`, async ({
    page,
    context,
    baseURL,
  }) => {
    const user = await createUser(role);
    const workspace = await createWorkspace(`Roles ${role}`, [{ userId: user.id, role }]);
    await signInAs(context, baseURL!, user.id);

    await page.goto(`/w/${workspace.id}/settings/team`);
    await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link")).toHaveText([...ROLE_TABS[role]]);

    const canSeeBilling = role === "owner" || role === "admin";
    await page.goto(`/w/${workspace.id}/settings/billing`);
    if (canSeeBilling) {
      await expect(page.getByRole("heading", { name: "Current plan" })).toBeVisible();
      for (const meter of ["Traces", "Team members", "API keys"])
        await expect(page.getByRole("progressbar", { name: meter })).toBeVisible();
    } else {
      await expect(page.getByText("You do not have access to this page")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Current plan" })).toHaveCount(0);
    }
    const api = await page.request.get(`/api/workspaces/${workspace.id}/billing`);
    expect(api.status()).toBe(canSeeBilling ? 200 : 403);
  });
}

test("another workspace's settings are not found, not forbidden", async ({ page, context, baseURL }) => {
  const user = await createUser("outsider");
  const stranger = await createUser("stranger");
  await createWorkspace("Mine", [{ userId: user.id, role: "owner" }]);
  const theirs = await createWorkspace("Theirs", [{ userId: stranger.id, role: "owner" }]);
  await signInAs(context, baseURL!, user.id);
  const response = await page.goto(`/w/${theirs.id}/settings/team`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Theirs")).toHaveCount(0);
  expect((await page.request.get(`/api/workspaces/${theirs.id}/team`)).status()).toBe(404);
});

test("a seeded user signs in and lands on the sample workspace", async ({ page }, testInfo) => {
  // One project only: both would race for the same address's single-use link.
  test.skip(testInfo.project.name !== "desktop", "runs once");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("olivia@acme.example");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(await waitForLink("olivia@acme.example", "/api/auth/callback/nodemailer"));
  await expect(page).toHaveURL(/\/w\/00000000-0000-0000-0000-000000000001\/settings\/team$/);
  await expect(memberEntry(page, "Adam Admin")).toBeVisible();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Integrations" }).click();
  const webhook = page.getByRole("listitem").filter({ hasText: "Data warehouse sink" });
  await expect(webhook.getByText("Health: degraded")).toBeVisible();
  await expect(page.getByText("whsec_")).toHaveCount(0);
});

test("the theme switches between light and dark and is remembered", async ({ page, context, baseURL }) => {
  const user = await createUser("theme");
  const workspace = await createWorkspace("Theme", [{ userId: user.id, role: "member" }]);
  await signInAs(context, baseURL!, user.id);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`/w/${workspace.id}/settings/team`);
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
});
