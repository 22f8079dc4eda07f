import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createUser, createWorkspace, db } from "./support/db";
import { signInAs } from "./support/session";

test.afterAll(() => db.$disconnect());
// Axe, full-page screenshots and downloads on a shared two-core machine: the default 30 s is too tight.
test.describe.configure({ timeout: 120_000 });

const auditLog = (workspaceId: string, query = "") => `/w/${workspaceId}/settings/audit-log${query}`;

/** An owner and a member with names, in a workspace of their own with room for invitations. */
async function ownerWorkspace(label: string) {
  const owner = await createUser(`${label}-owner`, "Olivia Owner");
  const member = await createUser(`${label}-member`, "Mia Member");
  const workspace = await createWorkspace(`Audit ${label}`, [
    { userId: owner.id, role: "owner" },
    { userId: member.id, role: "member" },
  ]);
  await db.billingConfig.update({ where: { workspaceId: workspace.id }, data: { teamMembersLimit: 10 } });
  const memberRow = await db.teamMember.findFirstOrThrow({ where: { workspaceId: workspace.id, userId: member.id } });
  return { owner, member, memberId: memberRow.id, workspace };
}

/** Entries with long addresses, a 512-character user agent and large before/after: the layout must hold. */
async function seedBulkyEntries(workspaceId: string, actor: { id: string; email: string }, memberId: string) {
  const longAgent = `Mozilla/5.0 (X11; Linux x86_64) ${"SomeExtension/1.0 ".repeat(40)}`.slice(0, 512);
  await db.auditLog.createMany({
    data: Array.from({ length: 6 }, (_, i) => ({
      workspaceId,
      actorUserId: actor.id,
      actorEmail: actor.email,
      action: i % 2 ? "member.role_changed" : "integration.updated",
      targetType: i % 2 ? "member" : "integration",
      targetId: i % 2 ? memberId : `integration-${"x".repeat(50)}`,
      before: { role: "member", note: "n".repeat(300), nested: { deeper: ["a".repeat(120)] } },
      after: { role: "viewer", name: `A very long integration name ${"w".repeat(90)}` },
      ipAddress: "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
      userAgent: i === 0 ? longAgent : null,
      createdAt: new Date(Date.UTC(2026, 0, 10 + i, 9, 30)),
    })),
  });
}

/** The page's message about refused filters (Next's route announcer is an alert too). */
const filterErrors = (page: Page) => page.getByRole("alert").filter({ hasText: "The filters were not applied" });

async function expectNoHorizontalOverflow(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(widths.scroll, `page is ${widths.scroll}px wide in a ${widths.viewport}px viewport`).toBeLessThanOrEqual(
    widths.viewport,
  );
}

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
    }));
  expect(serious).toEqual([]);
}

test("an owner reads team changes as sentences, filters by action and downloads the filtered CSV", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  test.slow(); // two team changes, an email, a download
  const { owner, memberId, workspace } = await ownerWorkspace("sentences");
  // An address that already has an account with a name: while invited, only the address may show.
  const invitee = await createUser("audit-invitee", "Hidden Account Name");
  await signInAs(context, baseURL!, owner.id);

  // Real team changes through the REST API with the browser's session and user agent.
  const changed = await page.request.patch(`/api/workspaces/${workspace.id}/team`, {
    data: { action: "change_role", memberId, role: "viewer" },
  });
  expect(changed.status()).toBe(200);
  const invited = await page.request.post(`/api/workspaces/${workspace.id}/team`, {
    data: { emails: [invitee.email], role: "member" },
  });
  expect(invited.status()).toBe(200);

  await page.goto(auditLog(workspace.id));
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const entries = page.getByRole("list", { name: "Audit log entries" }).getByRole("listitem");
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText(`Olivia Owner invited ${invitee.email} as Member`);
  await expect(entries.nth(1)).toContainText("Olivia Owner changed Mia Member's role: Member → Viewer");
  await expect(entries.nth(1)).toContainText(/Chrome \d+ on (Windows|Linux|Android)/);
  await expect(page.getByText("Hidden Account Name")).toHaveCount(0);
  await expect(page.getByText("Mozilla/5.0").first()).not.toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("audit-log.png"), fullPage: true });

  // Filter by action with the dropdown (keyboard submit: see team.spec.ts on native selects in mobile Chromium).
  await page.getByLabel("Action").selectOption("member.role_changed");
  await page.getByRole("button", { name: "Apply filters" }).press("Enter");
  await expect(page).toHaveURL(/action=member\.role_changed/);
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("changed Mia Member's role");
  await expect(page.getByLabel("Action")).toHaveValue("member.role_changed");

  // The CSV holds the filtered view.
  const exportLink = page.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toHaveAttribute("href", /format=csv/);
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-e2e-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  await testInfo.attach("audit-log.csv", { body: csv, contentType: "text/csv" });
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "time_utc,actor_name,actor_email,action,description,target_type,target_id,target_name,target_email,ip_address,client,user_agent,before,after",
  );
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`Olivia Owner,${owner.email},member.role_changed,Olivia Owner changed Mia Member's role`);
  expect(csv).not.toContain("invitation.sent");
  expect(csv).not.toContain("Hidden Account Name");
});

test("a fresh workspace says No activity yet; a filter with no match says so", async ({ page, context, baseURL }) => {
  const owner = await createUser("audit-fresh", "Fresh Owner");
  const workspace = await createWorkspace("Audit fresh", [{ userId: owner.id, role: "owner" }]);
  await signInAs(context, baseURL!, owner.id);
  await page.goto(auditLog(workspace.id));
  await expect(page.getByText("No activity yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);

  await page.getByLabel("Actor").fill("nobody");
  await page.getByRole("button", { name: "Apply filters" }).press("Enter");
  await expect(page).toHaveURL(/actor=nobody/);
  await expect(page.getByText("No entries match these filters")).toBeVisible();
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(page.getByText("No activity yet")).toBeVisible();
});

test("bad filters show what was wrong on the page and answer 400 on REST, never 500", async ({
  page,
  context,
  baseURL,
}) => {
  test.slow(); // 8 inputs × page, JSON and CSV
  const { owner, workspace } = await ownerWorkspace("bad-input");
  await signInAs(context, baseURL!, owner.id);
  const cases: [string, RegExp][] = [
    ["?actor=%00", /Actor contains control characters/],
    ["?actor=%ED%A0%80", /Actor contains control characters or invalid text/],
    ["?from=0000-01-01", /From must be a date written YYYY-MM-DD, between 2000-01-01 and 9999-12-31/],
    ["?to=10000-01-01", /To must be a date written YYYY-MM-DD/],
    ["?from=2026-05-02&to=2026-05-01", /To must be on or after From/],
    ["?page=-1", /Page must be a whole number from 1 to 10,000/],
    ["?page=99999999999999999999", /Page must be a whole number/],
    [`?actor=${"a".repeat(4000)}`, /Actor is too long/],
  ];
  for (const [query, message] of cases) {
    const response = await page.goto(auditLog(workspace.id, query));
    expect(response?.status(), query.slice(0, 60)).toBe(200);
    await expect(filterErrors(page)).toContainText(message);
    const api = await page.request.get(`/api/workspaces/${workspace.id}/audit-log${query}`);
    expect(api.status(), query.slice(0, 60)).toBe(400);
    expect((await api.json()).error.code).toBe("invalid_input");
    const csv = await page.request.get(`/api/workspaces/${workspace.id}/audit-log${query}&format=csv`);
    expect(csv.status(), `${query.slice(0, 60)} (CSV)`).toBe(400);
  }
  await expect(page.getByLabel("Actor")).toHaveAttribute("aria-invalid", "true");
});

test("on a 390px phone the entries stack as cards without horizontal scrolling", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  test.slow(); // full-page screenshots at the phone's pixel ratio
  const { owner, memberId, workspace } = await ownerWorkspace("phone");
  await seedBulkyEntries(workspace.id, owner, memberId);
  await signInAs(context, baseURL!, owner.id);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(auditLog(workspace.id));
  const entries = page.getByRole("list", { name: "Audit log entries" }).getByRole("listitem");
  await expect(entries).toHaveCount(6);
  await expectNoHorizontalOverflow(page);
  await expect(entries.last().getByText(/^Mozilla\/5\.0/)).not.toBeVisible(); // the raw agent only inside Details
  for (const summary of await entries.locator("summary").all()) await summary.click();
  await expect(entries.last().getByText(/^Mozilla\/5\.0/)).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: testInfo.outputPath("audit-log-390.png"), fullPage: true });

  await page.goto(auditLog(workspace.id, "?from=0000-01-01"));
  await expect(filterErrors(page)).toBeVisible();
  await expectNoHorizontalOverflow(page);
});

for (const theme of ["light", "dark"] as const) {
  test(`the audit log has no serious or critical axe violations (${theme} theme)`, async ({
    page,
    context,
    baseURL,
  }, testInfo) => {
    test.slow(); // axe on two pages
    const { owner, memberId, workspace } = await ownerWorkspace(`axe-${theme}`);
    await seedBulkyEntries(workspace.id, owner, memberId);
    await signInAs(context, baseURL!, owner.id);
    await context.addInitScript((value) => localStorage.setItem("theme", value), theme);
    await page.goto(auditLog(workspace.id));
    if (theme === "dark") await expect(page.locator("html")).toHaveClass(/dark/);
    else await expect(page.locator("html")).not.toHaveClass(/dark/);
    await expect(page.getByRole("list", { name: "Audit log entries" })).toBeVisible();
    await page.getByRole("list", { name: "Audit log entries" }).locator("summary").first().click();
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath(`audit-log-${theme}.png`), fullPage: true });

    await page.goto(auditLog(workspace.id, "?from=0000-01-01&actor=%00"));
    await expect(filterErrors(page)).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
}
