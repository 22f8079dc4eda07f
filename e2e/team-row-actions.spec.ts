import { test } from "@playwright/test";
import { expect } from "./support/expect";
import { db } from "./support/db";
import { rewriteServerActionAnswers } from "./support/server-action-rewrite";
import { signInAs } from "./support/session";
import { createBusyTeam, memberEntry } from "./support/team-fixtures";

test.afterAll(() => db.$disconnect());
// Several page loads and server round trips per test, on machines shared with other suites.
test.describe.configure({ timeout: 120_000 });

test("members: an inline role select with only grantable roles, and a … menu with status, ownership and a separated Remove", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const team = await createBusyTeam("rows");
  await signInAs(context, baseURL!, team.owner.id);
  await page.goto(`/w/${team.workspace.id}/settings/team`);
  const max = memberEntry(page, team.member.name!);

  // The owner may grant every role; the select carries "Change role" and the person.
  await max.getByRole("combobox", { name: `Change role for ${team.member.name}` }).click();
  await expect(page.getByRole("option")).toHaveText(["Owner", "Admin", "Member", "Viewer"]);
  await page.getByRole("option", { name: "Admin" }).click();
  await expect(page.getByText(`${team.member.name} is now admin`)).toBeVisible();
  await expect(max.getByRole("combobox", { name: /Change role/ })).toHaveText("Admin");

  // No controls on your own row.
  const own = memberEntry(page, team.owner.name!);
  await expect(own).toContainText("(you)");
  await expect(own.getByRole("combobox")).toHaveCount(0);
  await expect(own.getByRole("button", { name: /Actions for/ })).toHaveCount(0);

  // The … menu: Deactivate, Transfer ownership (owners), a separator, then a red Remove.
  await max.getByRole("button", { name: `Actions for ${team.member.name}` }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem")).toHaveText([/^Deactivate/, /^Transfer ownership/, /^Remove/]);
  await expect(menu.getByRole("separator")).toHaveCount(1);
  const remove = menu.getByRole("menuitem", { name: `Remove ${team.member.name}` });
  await expect(remove).toHaveClass(/text-red-700/);
  await page.screenshot({ path: testInfo.outputPath("member-actions-menu.png") });

  // Deactivate asks first (Cancel has the focus), then Reactivate is offered.
  await menu.getByRole("menuitem", { name: `Deactivate ${team.member.name}` }).click();
  const ask = page.getByRole("alertdialog", { name: `Deactivate ${team.member.name}?` });
  await expect(ask.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath("confirm-deactivate.png") });
  await ask.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText(`${team.member.name} deactivated`)).toBeVisible();
  await expect(max).toContainText("inactive");
  await max.getByRole("button", { name: `Actions for ${team.member.name}` }).click();
  await page.getByRole("menuitem", { name: `Reactivate ${team.member.name}` }).click();
  await expect(page.getByText(`${team.member.name} reactivated`)).toBeVisible();
  await expect(max.getByText("active", { exact: true })).toBeVisible();

  // Remove, then restore from Removed members.
  await max.getByRole("button", { name: `Actions for ${team.member.name}` }).click();
  await page.getByRole("menuitem", { name: `Remove ${team.member.name}` }).click();
  await page
    .getByRole("alertdialog", { name: `Remove ${team.member.name}?` })
    .getByRole("button", { name: "Remove member" })
    .click();
  await expect(max).toHaveCount(0);
  const removed = page.getByRole("region", { name: "Removed members" });
  await removed.getByRole("button", { name: `Restore ${team.member.name}` }).click();
  await expect(page.getByText(`${team.member.name} restored`)).toBeVisible();
  await expect(max).toContainText("Admin");
});

test("an admin is offered only the roles an admin may grant, and no ownership transfer", async ({
  page,
  context,
  baseURL,
}) => {
  const team = await createBusyTeam("admin-rows");
  await signInAs(context, baseURL!, team.admin.id);
  await page.goto(`/w/${team.workspace.id}/settings/team`);
  const vera = memberEntry(page, team.viewer.name!);
  await vera.getByRole("combobox", { name: `Change role for ${team.viewer.name}` }).click();
  await expect(page.getByRole("option")).toHaveText(["Admin", "Member", "Viewer"]);
  await page.keyboard.press("Escape");
  await vera.getByRole("button", { name: `Actions for ${team.viewer.name}` }).click();
  await expect(page.getByRole("menuitem", { name: /Transfer ownership/ })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(memberEntry(page, team.owner.name!).getByRole("button", { name: /Actions for/ })).toHaveCount(0);
});

test("pending invitations: their own section; Resend asks first and says what happened; Copy link warns, copies and says Copied; Copy all links; Revoke", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const team = await createBusyTeam("pending");
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await signInAs(context, baseURL!, team.owner.id);
  await page.goto(`/w/${team.workspace.id}/settings/team`);
  const [first, second] = team.invitations as [(typeof team.invitations)[0], (typeof team.invitations)[0]];
  const section = page.getByRole("region", { name: "Pending invitations" });
  const firstRow = section.getByRole("listitem").filter({ hasText: first.email });
  await expect(firstRow).toContainText(/invited on \w{3} \d{1,2}, \d{4} by Olga Owner · expires in 7 days/);
  await expect(firstRow).toContainText("Member");
  await expect(section).toContainText("the link sent before stops working");
  // A pending invitation shows only the address: not in the members list.
  await expect(memberEntry(page, first.email)).toHaveCount(0);
  // The visible labels stay; the names carry the address.
  await expect(firstRow.getByRole("button", { name: /Resend/ })).toHaveAccessibleName(
    `Resend invitation to ${first.email}`,
  );
  await page.screenshot({ path: testInfo.outputPath("pending-invitations.png"), fullPage: true });

  // Resend: a confirmation saying the old link stops working, then the truth about the email.
  await firstRow.getByRole("button", { name: /Resend/ }).click();
  const resend = page.getByRole("alertdialog", { name: `Resend the invitation to ${first.email}?` });
  await expect(resend).toContainText("The link sent before stops working");
  await resend.getByRole("button", { name: "Resend invitation" }).click();
  await expect(page.getByText(`New link sent to ${first.email}; the old link no longer works`)).toBeVisible();

  // Copy link: a new link (the hint says the old one stops working), copied, "Copied".
  const copy = firstRow.getByRole("button", { name: `Copy link for ${first.email}` });
  if (testInfo.project.name === "desktop") {
    await copy.hover();
    await expect(page.getByRole("tooltip")).toContainText("the link sent before stops working");
  }
  await copy.click();
  await expect(firstRow.getByRole("button", { name: /Copied/ })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/invitations\/[\w-]{43}$/);

  // The link the invitation was created with no longer works.
  const invitee = await context.browser()!.newContext({ baseURL });
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(`/invitations/${first.token}`);
  await expect(inviteePage.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await inviteePage.goto(link);
  await expect(inviteePage.getByRole("heading", { name: `Join ${team.workspace.name}` })).toBeVisible();
  await invitee.close();

  // Copy all links: warns first, then one "address link" line per invitation.
  await section.getByRole("button", { name: "Copy all links" }).click();
  const all = page.getByRole("alertdialog", { name: "Create new links for 2 pending invitations?" });
  await expect(all).toContainText("The links already sent stop working");
  await all.getByRole("button", { name: "Create and copy links" }).click();
  await expect(page.getByText("2 links copied")).toBeVisible();
  const lines = (await page.evaluate(() => navigator.clipboard.readText())).split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(new RegExp(`^${second.email.replace(/[.+]/g, "\\$&")} http.*/invitations/`));

  // Revoke (destructive, confirmed): the invitation leaves the list.
  await section
    .getByRole("listitem")
    .filter({ hasText: second.email })
    .getByRole("button", { name: `Revoke invitation to ${second.email}` })
    .click();
  await page
    .getByRole("alertdialog", { name: `Revoke the invitation to ${second.email}?` })
    .getByRole("button", { name: "Revoke invitation" })
    .click();
  await expect(page.getByText(`Invitation to ${second.email} revoked`)).toBeVisible();
  await expect(section.getByRole("listitem").filter({ hasText: second.email })).toHaveCount(0);
});

test("messages say when an email was not sent: invite several, resend", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const team = await createBusyTeam("truth");
  await signInAs(context, baseURL!, team.owner.id);
  await page.goto(`/w/${team.workspace.id}/settings/team`);
  // As if the mail server refused the first message of each answer.
  await rewriteServerActionAnswers(page, (body) => body.replace('"emailSent":true', '"emailSent":false'));

  const stamp = Date.now().toString(36);
  const addresses = [`one-${stamp}@e2e.example`, `two-${stamp}@e2e.example`];
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite members" });
  await dialog.getByLabel("Email").fill(addresses.join(", "));
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog.getByRole("status")).toHaveText(
    "2 invitations created · 1 email sent, 1 not sent — copy the link",
  );
  await expect(dialog.getByText("— email not sent: copy the link and share it")).toHaveCount(1);
  await expect(dialog.getByText("— email sent")).toHaveCount(1);
  await expect(page.getByText("2 invitations sent")).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("invite-partly-sent.png") });
  await dialog.getByRole("button", { name: "Done" }).click();

  const invitation = team.invitations[0]!;
  await page.getByRole("button", { name: `Resend invitation to ${invitation.email}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Resend invitation" }).click();
  await expect(
    page.getByText(`New link created for ${invitation.email}; the email could not be sent — copy the link`),
  ).toBeVisible();
  await expect(page.getByText(/Invitation re-sent/)).toHaveCount(0);
});
