import { expect, test } from "@playwright/test";

test("the app opens on the sample workspace", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Workspace settings" })).toBeVisible();
  const workspaces = page.getByRole("list", { name: "Workspaces" });
  await expect(workspaces.getByRole("heading", { name: "Acme AI" })).toBeVisible();
  await expect(workspaces.getByText("4 active · 1 pending").first()).toBeVisible();
  await expect(workspaces.getByRole("progressbar", { name: "Traces" }).first()).toHaveAttribute("aria-valuenow", "65");
});

test("the health route answers with app and database up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", app: { status: "up" }, database: { status: "up" } });
});

test("the skip link reaches the main content by keyboard", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
});
