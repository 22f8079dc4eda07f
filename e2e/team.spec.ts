import { test } from "@playwright/test";
import { expect } from "./support/expect";
import { createUser, createWorkspace, db, uniqueEmail } from "./support/db";
import { waitForLink } from "./support/mailbox";
import { serverActionId } from "../scripts/server-action-id";
import { signInAs } from "./support/session";
import { memberEntry } from "./support/team-fixtures";

test.afterAll(() => db.$disconnect());

test("an owner invites a new address; the invitee signs in from the email and joins; the owner changes their role, then removes them", async ({
  browser,
  baseURL,
}) => {
  test.slow(); // two browsers, two magic links and a dozen round trips
  const owner = await createUser("team-owner", "Orla Owner");
  const workspace = await createWorkspace(`Team ${owner.id.slice(0, 6)}`, [{ userId: owner.id, role: "owner" }]);
  await db.billingConfig.update({ where: { workspaceId: workspace.id }, data: { teamMembersLimit: 10 } });
  const invitee = uniqueEmail("invitee");

  const ownerContext = await browser.newContext({ baseURL });
  await signInAs(ownerContext, baseURL!, owner.id);
  const ownerPage = await ownerContext.newPage();
  await ownerPage.goto(`/w/${workspace.id}/settings/team`);

  await ownerPage.getByRole("button", { name: "Invite member" }).click();
  const dialog = ownerPage.getByRole("dialog", { name: "Invite members" });
  await dialog.getByLabel("Email").fill(invitee);
  await dialog.getByLabel("Role").click();
  await ownerPage.getByRole("option", { name: "Member" }).click();
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog.getByText(`${invitee} — email sent`)).toBeVisible();
  await expect(dialog.getByRole("status")).toHaveText(`Invitation sent to ${invitee}`);
  await dialog.getByRole("button", { name: "Done" }).click();
  const pending = ownerPage.getByRole("list", { name: "Pending invitations" });
  await expect(pending.getByRole("listitem").filter({ hasText: invitee })).toContainText("Member");
  await expect(pending.getByRole("button", { name: `Resend invitation to ${invitee}` })).toBeVisible();

  // The invitee, signed out, opens the link from the email (a real SMTP server on loopback).
  const inviteeContext = await browser.newContext({ baseURL });
  const inviteePage = await inviteeContext.newPage();
  await inviteePage.goto(await waitForLink(invitee, "/invitations/"));
  await expect(inviteePage.getByRole("heading", { name: `Join ${workspace.name}` })).toBeVisible();
  await expect(inviteePage.getByLabel("Email")).toHaveValue(invitee);
  await inviteePage.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(inviteePage.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await inviteePage.goto(await waitForLink(invitee, "/api/auth/callback/nodemailer"));
  await expect(inviteePage).toHaveURL(/\/invitations\//);
  await inviteePage.getByRole("button", { name: `Join ${workspace.name}` }).click();
  await expect(inviteePage).toHaveURL(new RegExp(`/w/${workspace.id}/settings/team$`));
  await expect(inviteePage.getByRole("navigation", { name: "Settings" }).getByRole("link")).toHaveText([
    "Team",
    "Integrations",
  ]);

  // The owner changes the new member's role, then removes them.
  await ownerPage.reload();
  const row = memberEntry(ownerPage, invitee);
  await expect(row).toContainText("active");
  await expect(pending).toHaveCount(0);
  await row.getByRole("combobox", { name: `Change role for ${invitee}` }).click();
  await ownerPage.getByRole("option", { name: "Viewer" }).click();
  await expect(ownerPage.getByText(`${invitee} is now viewer`)).toBeVisible();
  await expect(row.getByRole("combobox", { name: /Change role/ })).toHaveText("Viewer");

  await row.getByRole("button", { name: `Actions for ${invitee}` }).click();
  await ownerPage.getByRole("menuitem", { name: `Remove ${invitee}` }).click();
  await ownerPage
    .getByRole("alertdialog", { name: `Remove ${invitee}?` })
    .getByRole("button", { name: "Remove member" })
    .click();
  await expect(ownerPage.getByText(`${invitee} removed`)).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(ownerPage.getByRole("region", { name: "Removed members" })).toContainText(invitee);

  // Removed: their next request finds nothing.
  await inviteePage.goto(`/w/${workspace.id}/settings/team`);
  await expect(inviteePage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await ownerContext.close();
  await inviteeContext.close();
});

test("an admin cannot change the owner", async ({ page, context, baseURL }) => {
  const owner = await createUser("owner-x");
  const admin = await createUser("admin-x");
  const workspace = await createWorkspace("Admin limits", [
    { userId: owner.id, role: "owner" },
    { userId: admin.id, role: "admin" },
  ]);
  await signInAs(context, baseURL!, admin.id);
  await page.goto(`/w/${workspace.id}/settings/team`);
  const ownerRow = memberEntry(page, owner.email);
  await expect(ownerRow).toBeVisible();
  await expect(ownerRow.getByRole("combobox", { name: /Change role/ })).toHaveCount(0);
  await expect(ownerRow.getByRole("button", { name: /Actions for/ })).toHaveCount(0);
  await expect(ownerRow.getByRole("button", { name: /Remove/ })).toHaveCount(0);
  const response = await page.request.patch(`/api/workspaces/${workspace.id}/team`, {
    data: {
      action: "change_role",
      memberId: (await db.teamMember.findFirstOrThrow({ where: { workspaceId: workspace.id, userId: owner.id } })).id,
      role: "viewer",
    },
  });
  expect(response.status()).toBe(403);
});

test("a viewer sees no invite button, and a crafted server-action call as a viewer is refused", async ({
  page,
  context,
  baseURL,
}) => {
  const viewer = await createUser("viewer-x");
  const workspace = await createWorkspace("Viewer limits", [{ userId: viewer.id, role: "viewer" }]);
  await signInAs(context, baseURL!, viewer.id);
  await page.goto(`/w/${workspace.id}/settings/team`);
  await expect(page.getByRole("heading", { name: "Team" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Invite member" })).toHaveCount(0);

  const response = await page.request.post(`/w/${workspace.id}/settings/team`, {
    headers: {
      "Next-Action": serverActionId("lib/team/team-server-actions.ts", "inviteMembers"),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    data: JSON.stringify([{ workspaceId: workspace.id, emails: ["crafted@evil.example"], role: "owner" }]),
  });
  expect(await response.text()).toContain("forbidden");
  expect(await db.teamMember.count({ where: { workspaceId: workspace.id } })).toBe(1);
});
