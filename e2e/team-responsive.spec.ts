import { test, type Locator, type Page } from "@playwright/test";
import { expect } from "./support/expect";
import { db } from "./support/db";
import { signInAs } from "./support/session";
import { createBusyTeam, memberEntry } from "./support/team-fixtures";

test.afterAll(() => db.$disconnect());
// Several page loads and server round trips per test, on machines shared with other suites.
test.describe.configure({ timeout: 120_000 });

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** The element's box lies within the viewport horizontally (and vertically when `fully`). */
async function expectInViewport(page: Page, locator: ReturnType<Page["locator"]>, fully = true) {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, "element is rendered").not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width + 0.5);
  if (fully) {
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height + 0.5);
  }
}

/** A card: the "…" menu on top beside the name, the role select under them, "Last active" spelled out. */
async function expectCard(card: Locator, role: Locator, menu: Locator) {
  const [cardBox, roleBox, menuBox] = await Promise.all([card.boundingBox(), role.boundingBox(), menu.boundingBox()]);
  expect(roleBox!.y).toBeGreaterThanOrEqual(menuBox!.y + menuBox!.height);
  expect(menuBox!.x + menuBox!.width).toBeGreaterThan(cardBox!.x + cardBox!.width - 32);
  await expect(card.getByText("Last active")).toBeVisible();
}

test.describe("at 390px wide", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the Team page fits the screen: cards with a … menu, the invite dialog and every row action within reach", async ({
    page,
    context,
    baseURL,
  }, testInfo) => {
    const team = await createBusyTeam("narrow");
    await signInAs(context, baseURL!, team.owner.id);
    await page.goto(`/w/${team.workspace.id}/settings/team`);

    // One markup for every width: below 640px the rows of the members table are laid out as cards.
    await expect(page.getByRole("table", { name: "Members" })).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: testInfo.outputPath("team-390.png"), fullPage: true });

    // Every member the owner may act on has a reachable role select and "…" menu.
    for (const person of [team.admin, team.member, team.viewer, team.inactive]) {
      const card = memberEntry(page, person.name!);
      const role = card.getByRole("combobox", { name: `Change role for ${person.name}` });
      const menu = card.getByRole("button", { name: `Actions for ${person.name}` });
      await role.scrollIntoViewIfNeeded();
      await expectInViewport(page, role);
      await expectInViewport(page, menu);
      await expectCard(card, role, menu);
      await menu.click();
      const remove = page.getByRole("menuitem", { name: `Remove ${person.name}` });
      await expect(remove).toBeVisible();
      await expectInViewport(page, remove);
      await expectInViewport(page, page.getByRole("menu"));
      await page.keyboard.press("Escape");
      await expect(page.getByRole("menu")).toHaveCount(0);
    }
    await memberEntry(page, team.admin.name!)
      .getByRole("button", { name: /Actions for/ })
      .click();
    await page.screenshot({ path: testInfo.outputPath("team-390-actions-menu.png") });
    await page.keyboard.press("Escape");

    // Pending invitations: Resend, Copy link, Revoke on screen for each.
    for (const invitation of team.invitations) {
      for (const name of [
        `Resend invitation to ${invitation.email}`,
        `Copy link for ${invitation.email}`,
        `Revoke invitation to ${invitation.email}`,
      ]) {
        const button = page.getByRole("button", { name });
        await button.scrollIntoViewIfNeeded();
        await expectInViewport(page, button);
      }
    }
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);

    // The invite dialog, with its role list open, stays inside the screen.
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite members" });
    await expect(dialog).toBeVisible();
    await expectInViewport(page, dialog);
    await dialog.getByLabel("Role").click();
    await expectInViewport(page, page.getByRole("listbox"));
    await page.screenshot({ path: testInfo.outputPath("team-390-invite-dialog.png") });
    await page.keyboard.press("Escape");
    await expect(dialog.getByRole("button", { name: "Send invitation" })).toBeVisible();
    await expectInViewport(page, dialog.getByRole("button", { name: "Send invitation" }));
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  });
});

for (const width of [640, 1024]) {
  test(`at ${width}px the members table does not make the page wider than the screen`, async ({
    page,
    context,
    baseURL,
  }, testInfo) => {
    const team = await createBusyTeam(`wide-${width}`);
    await page.setViewportSize({ width, height: 900 });
    await signInAs(context, baseURL!, team.owner.id);
    await page.goto(`/w/${team.workspace.id}/settings/team`);
    await expect(page.getByRole("table", { name: "Members" })).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(width);
    const actions = page.getByRole("button", { name: `Actions for ${team.member.name}` });
    await actions.scrollIntoViewIfNeeded();
    await expectInViewport(page, actions);
    // A row, not a card: the column header says "Last active", the cell only when.
    const row = memberEntry(page, team.member.name!);
    await expect(row.getByText("Last active")).toBeHidden();
    await expect(row.getByRole("combobox", { name: `Change role for ${team.member.name}` })).toBeInViewport();
    expect((await row.boundingBox())!.height).toBeLessThan(100);
    await page.screenshot({ path: testInfo.outputPath(`team-${width}.png`), fullPage: true });
  });
}
