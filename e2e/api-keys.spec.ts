import { test, type Page } from "@playwright/test";
import { expect } from "./support/expect";
import { createUser, createWorkspace, db } from "./support/db";
import { signInAs } from "./support/session";
import { serverActionId } from "../scripts/server-action-id";
import { generateApiKey } from "../lib/api-keys/key-format";

test.afterAll(() => db.$disconnect());
// Several page loads and server round trips per test, on machines shared with other suites.
test.describe.configure({ timeout: 120_000 });

const apiKeysPage = (workspaceId: string) => `/w/${workspaceId}/settings/api-keys`;

/** A live key written directly (as createApiKey would), counted in the plan's allowance. */
async function insertKey(workspaceId: string, createdBy: string, name: string, expiresAt: Date | null = null) {
  const made = generateApiKey();
  await db.apiKey.create({
    data: {
      workspaceId,
      name,
      prefix: made.prefix,
      keyHash: made.hash,
      scopes: ["read"],
      creatorRole: "owner",
      createdBy,
      expiresAt,
    },
  });
  await db.billingConfig.update({ where: { workspaceId }, data: { apiKeysCurrent: { increment: 1 } } });
  return made;
}

/** Opens "Create API key" (retried: a click before hydration finishes does nothing). */
async function openCreateDialog(page: Page) {
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await expect(async () => {
    await page.getByRole("button", { name: "Create API key" }).click();
    await expect(dialog).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 25_000 });
  return dialog;
}

test("an admin creates a key, copies it, uses it against the API, and revokes it", async ({
  page,
  context,
  baseURL,
  playwright,
}, testInfo) => {
  const owner = await createUser("keys-owner", "Olga Owner");
  const admin = await createUser("keys-admin", "Ada Admin");
  const workspace = await createWorkspace(`Keys ${admin.id.slice(0, 4)}`, [
    { userId: owner.id, role: "owner" },
    { userId: admin.id, role: "admin" },
  ]);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await signInAs(context, baseURL!, admin.id);

  await page.goto(`/w/${workspace.id}/settings/team`);
  const nav = page.getByRole("navigation", { name: "Settings" });
  await nav.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(new RegExp(`${apiKeysPage(workspace.id)}$`));
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("0 of 2 keys on the Free plan")).toBeVisible();
  await expect(page.getByText("No API keys yet")).toBeVisible();

  // The form checks its input with the action's schema before anything is sent.
  const dialog = await openCreateDialog(page);
  await dialog.getByRole("checkbox", { name: "read", exact: true }).uncheck();
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription(/Give the key a name/);
  await expect(dialog.getByText("Choose at least one scope")).toBeVisible();
  expect(await db.apiKey.count({ where: { workspaceId: workspace.id } })).toBe(0);

  await dialog.getByLabel("Name").fill("CI");
  const scopes = dialog.getByRole("group", { name: "Scopes" });
  await expect(scopes.getByRole("checkbox")).toHaveCount(5);
  await scopes.getByRole("checkbox", { name: "read", exact: true }).check();
  await expect(scopes.getByRole("checkbox", { name: "read", exact: true })).toHaveAccessibleDescription(
    "Read team, billing, integrations and audit log — never secrets",
  );
  await dialog.getByRole("button", { name: "Create key" }).click();

  // The one-time reveal: copy the key with the button and read it back from the clipboard.
  const reveal = page.getByRole("dialog", { name: "API key created" });
  await expect(reveal.getByText("This is the only time the key is shown. Store it somewhere safe.")).toBeVisible();
  await reveal.getByRole("button", { name: "Copy API key" }).click();
  await expect(reveal.getByRole("status")).toHaveText("Copied");
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(/^obs_live_[0-9A-Za-z]{49}$/);
  await expect(reveal.getByRole("textbox", { name: "Your new API key" })).toHaveValue(key);
  await page.screenshot({ path: testInfo.outputPath("api-key-reveal.png") });

  // The key works on its own, without any cookie.
  const api = await playwright.request.newContext({ baseURL });
  const withKey = { headers: { Authorization: `Bearer ${key}` } };
  expect((await api.get(`/api/workspaces/${workspace.id}/team`, withKey)).status()).toBe(200);

  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const prefix = `${key.slice(0, "obs_live_".length + 4)}…`;
  const row = page.locator("tr").filter({ hasText: prefix });
  await expect(row).toContainText("CI");
  await expect(row).toContainText("read");
  await expect(row).toContainText("Ada Admin");
  await expect(page.getByText("1 of 2 keys on the Free plan")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("api-keys-list.png"), fullPage: true });

  // Reloaded, the page knows only the prefix.
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(key);
  expect(await (await page.request.get(apiKeysPage(workspace.id))).text()).not.toContain(key);

  // Revoke asks first, then the next request with the key is refused.
  await expect(async () => {
    await page.getByRole("button", { name: "Revoke CI", exact: true }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 25_000 });
  const confirm = page.getByRole("alertdialog", { name: "Revoke CI?" });
  await expect(confirm).toContainText("The next request made with");
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("API key revoked")).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await expect(page.getByText("0 of 2 keys on the Free plan")).toBeVisible();
  expect((await api.get(`/api/workspaces/${workspace.id}/team`, withKey)).status()).toBe(401);
  await api.dispose();
});

test("at the plan's limit the dialog shows the server's refusal; a key with an expiry shows its date", async ({
  page,
  context,
  baseURL,
}) => {
  const owner = await createUser("keys-limit", "Lina Owner");
  const workspace = await createWorkspace(`Key limit ${owner.id.slice(0, 4)}`, [{ userId: owner.id, role: "owner" }]);
  await db.billingConfig.update({ where: { workspaceId: workspace.id }, data: { apiKeysLimit: 1 } });
  await insertKey(workspace.id, owner.id, "Existing");
  await signInAs(context, baseURL!, owner.id);

  await page.goto(apiKeysPage(workspace.id));
  await expect(page.getByText("1 of 1 key on the Free plan")).toBeVisible();
  await expect(page.getByText("You have reached the Free plan's limit of 1 key.")).toBeVisible();
  const existing = page.locator("tr").filter({ hasText: "Existing" });
  await expect(existing).toContainText("Never"); // never used, never expires

  const dialog = await openCreateDialog(page);
  await dialog.getByLabel("Name").fill("Another");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByRole("alert")).toContainText("The Free plan allows 1 API key, and 1 is in use.");
  await expect(dialog.getByRole("button", { name: "Create key" })).toBeEnabled();
  expect(await db.apiKey.count({ where: { workspaceId: workspace.id } })).toBe(1);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Room again after revoking; a key with an expiry shows its date, an expired one says so.
  await page.getByRole("button", { name: "Revoke Existing", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Revoke Existing?" }).getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("API key revoked")).toBeVisible();
  await expect(page.getByText("0 of 1 key on the Free plan")).toBeVisible();

  const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const again = await openCreateDialog(page);
  await again.getByLabel("Name").fill("Nightly export");
  await again.getByLabel("Expires").fill(inAMonth);
  await again.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog", { name: "API key created" }).getByRole("button", { name: "Done" }).click();
  const stored = await db.apiKey.findFirstOrThrow({ where: { workspaceId: workspace.id, name: "Nightly export" } });
  expect(stored.expiresAt?.toISOString()).toBe(`${inAMonth}T23:59:59.000Z`);
  const shownDate = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
    stored.expiresAt!,
  );
  await expect(page.locator("tr").filter({ hasText: "Nightly export" })).toContainText(shownDate);

  await db.apiKey.update({ where: { id: stored.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
  await page.reload();
  await expect(page.locator("tr").filter({ hasText: "Nightly export" })).toContainText("Expired");
});

test("a member sees no API keys tab, cannot see the keys, and a crafted createApiKey call is refused", async ({
  page,
  context,
  baseURL,
}) => {
  const owner = await createUser("keys-owner-m", "Olga Owner");
  const member = await createUser("keys-member", "Max Member");
  const workspace = await createWorkspace(`Keys member ${member.id.slice(0, 4)}`, [
    { userId: owner.id, role: "owner" },
    { userId: member.id, role: "member" },
  ]);
  const ownersKey = await insertKey(workspace.id, owner.id, "Owner deploys");
  await signInAs(context, baseURL!, member.id);

  await page.goto(`/w/${workspace.id}/settings/team`);
  const nav = page.getByRole("navigation", { name: "Settings" });
  await expect(nav.getByRole("link", { name: "Team" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);

  await page.goto(apiKeysPage(workspace.id));
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain("Owner deploys");
  expect(html).not.toContain(ownersKey.prefix);

  // Crafted server-action calls, as the member: refused, nothing created or revoked.
  const call = (exportedName: string, input: unknown) =>
    page.request.post(apiKeysPage(workspace.id), {
      headers: {
        "Next-Action": serverActionId("lib/api-keys/api-key-server-actions.ts", exportedName),
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
      },
      data: JSON.stringify([input]),
    });
  const create = await call("createApiKey", { workspaceId: workspace.id, name: "crafted", scopes: ["read"] });
  expect(await create.text()).toContain("forbidden");
  expect(await create.text()).not.toMatch(/obs_live_[0-9A-Za-z]{49}/);
  const { id: keyId } = await db.apiKey.findFirstOrThrow({ where: { workspaceId: workspace.id } });
  const revoke = await call("revokeApiKey", { workspaceId: workspace.id, keyId });
  expect(await revoke.text()).toContain("forbidden");
  expect(await db.apiKey.count({ where: { workspaceId: workspace.id } })).toBe(1);
  expect(await db.apiKey.count({ where: { workspaceId: workspace.id, revokedAt: null } })).toBe(1);
});
