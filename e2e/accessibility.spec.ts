import AxeBuilder from "@axe-core/playwright";
import { test, type Page, type TestInfo } from "@playwright/test";
import { expect } from "./support/expect";
import { createUser, createWorkspace, db } from "./support/db";
import { signInAs } from "./support/session";
import { applyTheme, createBusyTeam, createInvitation } from "./support/team-fixtures";

test.afterAll(() => db.$disconnect());
// Several page loads and server round trips per test, on machines shared with other suites.
test.describe.configure({ timeout: 120_000 });

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe on the page as it is now; fails on any serious or critical violation (all are attached to the report). */
async function expectNoSeriousViolations(page: Page, testInfo: TestInfo, label: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (results.violations.length)
    await testInfo.attach(`axe-${label}.json`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: "application/json",
    });
  const summary = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, `${label}: serious or critical axe violations`).toEqual([]);
}

for (const theme of ["light", "dark"] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => applyTheme(page, theme));

    test("signed-out pages: sign-in, check email, invitation (valid and invalid), 404", async ({ page }, testInfo) => {
      const owner = await createUser("a11y-inviter", "Iris Inviter");
      const workspace = await createWorkspace("A11y invitations", [{ userId: owner.id, role: "owner" }]);
      const invitation = await createInvitation(workspace.id, "member", owner.id);
      const pages: [string, string, string][] = [
        ["sign-in", "/sign-in", "Sign in"],
        ["check-email", "/sign-in/check-email", "Check your email"],
        ["invitation", `/invitations/${invitation.token}`, `Join ${workspace.name}`],
        ["invitation-invalid", "/invitations/not-a-real-token-at-all", "This invitation link is not valid"],
        ["not-found", "/no-such-page", "Page not found"],
      ];
      for (const [label, path, heading] of pages) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
        await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
        await expectNoSeriousViolations(page, testInfo, `${theme}-${label}`);
      }
      await page.screenshot({ path: testInfo.outputPath(`${theme}-not-found.png`) });
      // The API reference, once Scalar has rendered the document.
      await page.goto("/docs/api");
      await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
      // Scalar renders the whole document in the browser: allow a busy machine its 10–20 s.
      await expect(page.getByRole("heading", { name: "Agent Observability Settings API" })).toBeVisible({
        timeout: 60_000,
      });
      await expectNoSeriousViolations(page, testInfo, `${theme}-api-reference`);
    });

    test("signed-in pages outside a workspace: create workspace, sign out, invitation for someone else", async ({
      page,
      context,
      baseURL,
    }, testInfo) => {
      const user = await createUser("a11y-lonely");
      const owner = await createUser("a11y-owner2");
      const workspace = await createWorkspace("A11y other", [{ userId: owner.id, role: "owner" }]);
      const invitation = await createInvitation(workspace.id, "viewer", owner.id);
      await signInAs(context, baseURL!, user.id);
      for (const [label, path, heading] of [
        ["workspaces-new", "/workspaces/new", "Create your first workspace"],
        ["sign-out", "/sign-out", "Sign out"],
        ["invitation-someone-else", `/invitations/${invitation.token}`, "This invitation is for someone else"],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
        await expectNoSeriousViolations(page, testInfo, `${theme}-${label}`);
      }
    });

    test("the owner's settings: Team (with open invite dialog and actions menu), Billing, Integrations, Audit log, API keys", async ({
      page,
      context,
      baseURL,
    }, testInfo) => {
      const team = await createBusyTeam(`a11y-${theme}`);
      await signInAs(context, baseURL!, team.owner.id);
      const base = `/w/${team.workspace.id}/settings`;

      await page.goto(`${base}/team`);
      await expect(page.getByRole("heading", { name: "Pending invitations" })).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `${theme}-team-owner`);
      await page.screenshot({ path: testInfo.outputPath(`${theme}-team-owner.png`), fullPage: true });

      await page.getByRole("button", { name: "Invite member" }).click();
      await expect(page.getByRole("dialog", { name: "Invite members" })).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `${theme}-team-invite-dialog`);
      await page.screenshot({ path: testInfo.outputPath(`${theme}-team-invite-dialog.png`) });
      await page.keyboard.press("Escape");

      await page.getByRole("button", { name: `Actions for ${team.member.name}` }).click();
      await expect(page.getByRole("menu")).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `${theme}-team-actions-menu`);
      await page.screenshot({ path: testInfo.outputPath(`${theme}-team-actions-menu.png`) });
      await page.keyboard.press("Escape");

      await page.getByRole("button", { name: /Switch workspace/ }).click();
      await expect(page.getByRole("menu")).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `${theme}-workspace-switcher`);
      await page.keyboard.press("Escape");

      for (const [tab, heading] of [
        ["billing", "Current plan"],
        ["integrations", "Integrations"],
        ["audit-log", "Audit log"],
      ] as const) {
        await page.goto(`${base}/${tab}`);
        await expect(page.getByRole("heading", { name: heading }).first()).toBeVisible();
        // The audit log page belongs to the audit work (components/audit); a failure here may be theirs.
        await expectNoSeriousViolations(page, testInfo, `${theme}-${tab}`);
        await page.screenshot({ path: testInfo.outputPath(`${theme}-${tab}.png`), fullPage: true });
      }

      // API keys: the empty state, the Create dialog, the one-time reveal, then the list.
      await page.goto(`${base}/api-keys`);
      await expect(page.getByText("No API keys yet")).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `${theme}-api-keys-empty`);
      const create = page.getByRole("dialog", { name: "Create API key" });
      await expect(async () => {
        await page.getByRole("button", { name: "Create API key" }).click();
        await expect(create).toBeVisible({ timeout: 2000 });
      }).toPass({ timeout: 25_000 });
      await create.getByRole("button", { name: "Create key" }).click(); // empty name: the field errors show
      await expect(create.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
      await expectNoSeriousViolations(page, testInfo, `${theme}-api-keys-create-dialog`);
      await page.screenshot({ path: testInfo.outputPath(`${theme}-api-keys-create-dialog.png`) });
      await create.getByLabel("Name").fill("A11y key");
      await create.getByRole("button", { name: "Create key" }).click();
      const reveal = page.getByRole("dialog", { name: "API key created" });
      await expect(reveal.getByRole("textbox", { name: "Your new API key" })).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `${theme}-api-keys-reveal`);
      await reveal.getByRole("button", { name: "Done" }).click();
      await expect(page.getByRole("button", { name: "Revoke A11y key" })).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `${theme}-api-keys`);
      await page.screenshot({ path: testInfo.outputPath(`${theme}-api-keys.png`), fullPage: true });
    });

    test("a viewer's Team page, and the access-deactivated page", async ({ page, context, baseURL }, testInfo) => {
      const team = await createBusyTeam(`a11y-viewer-${theme}`);
      await signInAs(context, baseURL!, team.viewer.id);
      await page.goto(`/w/${team.workspace.id}/settings/team`);
      await expect(page.getByText("Only owners and admins can invite")).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `${theme}-team-viewer`);
      await page.screenshot({ path: testInfo.outputPath(`${theme}-team-viewer.png`), fullPage: true });

      await context.clearCookies();
      await signInAs(context, baseURL!, team.inactive.id);
      await page.goto(`/w/${team.workspace.id}/settings/team`);
      await expect(page.getByRole("heading", { name: "Access deactivated" })).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `${theme}-access-deactivated`);
      await page.screenshot({ path: testInfo.outputPath(`${theme}-access-deactivated.png`) });
    });
  });
}
