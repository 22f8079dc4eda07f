import { test } from "@playwright/test";
import { expect } from "./support/expect";
import { createUser, createWorkspace, db } from "./support/db";
import { signInAs } from "./support/session";
import { createBusyTeam } from "./support/team-fixtures";

test.afterAll(() => db.$disconnect());
// Several page loads and server round trips per test, on machines shared with other suites.
test.describe.configure({ timeout: 120_000 });

test("the workspace switcher is a menu: arrow keys move, Escape closes and returns focus, a workspace opens", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const user = await createUser("switcher");
  const first = await createWorkspace(`Alpha switch ${user.id.slice(0, 4)}`, [{ userId: user.id, role: "owner" }]);
  const second = await createWorkspace(`Beta switch ${user.id.slice(0, 4)}`, [{ userId: user.id, role: "viewer" }]);
  await signInAs(context, baseURL!, user.id);
  await page.goto(`/w/${first.id}/settings/team`);

  const trigger = page.getByRole("button", { name: `Workspace: ${first.name}. Switch workspace` });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem")).toHaveText([
    new RegExp(first.name),
    new RegExp(second.name),
    /Create workspace/,
  ]);
  await page.screenshot({ path: testInfo.outputPath("workspace-switcher.png") });
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(trigger).toBeFocused();

  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: new RegExp(second.name) })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/w/${second.id}/settings/team$`));
});

test("dialogs trap focus, close on Escape and give focus back; confirmations focus Cancel first", async ({
  page,
  context,
  baseURL,
}) => {
  const team = await createBusyTeam("kit");
  await signInAs(context, baseURL!, team.owner.id);
  await page.goto(`/w/${team.workspace.id}/settings/team`);

  const invite = page.getByRole("button", { name: "Invite member" });
  await invite.click();
  const dialog = page.getByRole("dialog", { name: "Invite members" });
  await expect(dialog.getByLabel("Email")).toBeFocused();
  await expect(dialog).toHaveAccessibleDescription("They get an email with a link that works for 7 days.");
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  // The role field is a labelled select; its options are reachable by keyboard.
  await dialog.getByLabel("Role").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("option", { name: "Viewer" })).toBeVisible();
  await page.getByRole("option", { name: "Viewer" }).click();
  await expect(dialog.getByLabel("Role")).toHaveText("Viewer");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(invite).toBeFocused();

  const resend = page.getByRole("button", { name: `Resend invitation to ${team.invitations[0]!.email}` });
  await resend.click();
  const confirm = page.getByRole("alertdialog", { name: /Resend the invitation/ });
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  await expect(resend).toBeFocused();
});
