import { test } from "@playwright/test";
import { expect } from "./support/expect";
import { createUser, createWorkspace, db } from "./support/db";
import { signInAs } from "./support/session";
import { createBusyTeam } from "./support/team-fixtures";

test.afterAll(() => db.$disconnect());
// Several page loads and server round trips per test, on machines shared with other suites.
test.describe.configure({ timeout: 120_000 });

test("a member or viewer is told who can invite, by name", async ({ page, context, baseURL }, testInfo) => {
  const team = await createBusyTeam("ask");
  for (const person of [team.viewer, team.member]) {
    await context.clearCookies();
    await signInAs(context, baseURL!, person.id);
    await page.goto(`/w/${team.workspace.id}/settings/team`);
    await expect(page.getByRole("heading", { name: "Team" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Invite member" })).toHaveCount(0);
    await expect(page.getByText("Only owners and admins can invite — ask Olga Owner.")).toBeVisible();
  }
  await page.screenshot({ path: testInfo.outputPath("member-invite-reason.png") });
});

test("the only owner cannot leave and sees why before trying; with a second owner they can", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const team = await createBusyTeam("sole");
  await signInAs(context, baseURL!, team.owner.id);
  await page.goto(`/w/${team.workspace.id}/settings/team`);
  const leave = page.getByRole("button", { name: "Leave workspace" });
  await expect(leave).toBeDisabled();
  await expect(leave).toHaveAccessibleDescription("You are the only owner. Transfer ownership before leaving.");
  await expect(page.getByText("You are the only owner. Transfer ownership before leaving.")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("sole-owner-leave.png") });

  await db.teamMember.updateMany({
    where: { workspaceId: team.workspace.id, userId: team.admin.id },
    data: { role: "owner" },
  });
  await page.reload();
  await expect(leave).toBeEnabled();
  await leave.click();
  await expect(page.getByRole("alertdialog", { name: `Leave ${team.workspace.name}?` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
});

test("a deactivated member is told their access was deactivated and whom to ask; others still get 404", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const team = await createBusyTeam("deactivated");
  await signInAs(context, baseURL!, team.inactive.id);
  for (const tab of ["team", "billing", "integrations", "api-keys", "audit-log"]) {
    const response = await page.goto(`/w/${team.workspace.id}/settings/${tab}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Access deactivated" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(`Your access to ${team.workspace.name} was deactivated`);
    await expect(page.getByRole("main")).toContainText("Ask Olga Owner (owner) to reactivate you.");
    await expect(page.getByRole("navigation", { name: "Settings" })).toHaveCount(0);
    await expect(page.getByText(team.member.name!)).toHaveCount(0);
  }
  await page.screenshot({ path: testInfo.outputPath("access-deactivated.png"), fullPage: true });
  // Nothing else opens up: the API still answers 404.
  expect((await page.request.get(`/api/workspaces/${team.workspace.id}/team`)).status()).toBe(404);

  // Reactivated, the workspace opens again.
  await db.teamMember.updateMany({
    where: { workspaceId: team.workspace.id, userId: team.inactive.id },
    data: { status: "active" },
  });
  await page.goto(`/w/${team.workspace.id}/settings/team`);
  await expect(page.getByRole("navigation", { name: "Settings" })).toBeVisible();

  // Removed members and people who never were members learn nothing.
  const removed = await createUser("removed");
  const stranger = await createUser("stranger");
  const other = await createWorkspace("Secret name", [
    { userId: stranger.id, role: "owner" },
    { userId: removed.id, role: "member" },
  ]);
  await db.teamMember.updateMany({
    where: { workspaceId: other.id, userId: removed.id },
    data: { status: "inactive", deletedAt: new Date() },
  });
  for (const outsider of [removed, team.inactive]) {
    await context.clearCookies();
    await signInAs(context, baseURL!, outsider.id);
    const response = await page.goto(`/w/${other.id}/settings/team`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Secret name")).toHaveCount(0);
  }
});
