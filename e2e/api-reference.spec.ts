import { expect, test } from "@playwright/test";

// /docs/api renders the live OpenAPI document with Scalar, under the app's CSP, with nothing fetched
// from anywhere but the app itself (no CDN fonts, no telemetry): the machines it runs on are offline.
// Scalar renders the whole document in the browser: 10–20 s on a busy 2-core machine, so this test
// gets a minute and a half rather than Playwright's default 30 s.
test.describe.configure({ timeout: 90_000 });

test("the API reference renders /api/openapi.json under the CSP, asking nothing of other origins", async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const violations: string[] = [];
  const pageErrors: string[] = [];
  const elsewhere: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (/^https?:$/.test(url.protocol) && url.origin !== origin) elsewhere.push(request.url());
  });

  const documentLoaded = page.waitForResponse((response) => response.url() === `${origin}/api/openapi.json`);
  // Deep-linked to the ingestion section: Scalar renders a tag's operations once it is opened.
  const response = await page.goto("/docs/api#tag/ingestion");
  expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expect(page.getByRole("link", { name: "← Back to settings" })).toHaveAttribute("href", "/");
  expect((await documentLoaded).status()).toBe(200);

  // Scalar's own rendering of the document: its title and an operation.
  await expect(page.getByRole("heading", { name: "Agent Observability Settings API", exact: true })).toBeAttached({
    timeout: 60_000,
  });
  await expect(page.getByRole("heading", { name: "Report usage", exact: true })).toBeVisible();

  // Its "Test request" client calls this app (here without credentials: the documented 401).
  await page.getByRole("button", { name: "Test Request (post /api/workspaces/{workspaceId}/usage)" }).click();
  const sent = page.waitForResponse((answer) => answer.url().startsWith(`${origin}/api/workspaces/`));
  await page.getByRole("button", { name: /^Send post request to / }).click();
  expect((await sent).status()).toBe(401);
  await expect(page.getByText("401 Unauthorized").first()).toBeVisible();

  expect(violations).toEqual([]);
  expect(pageErrors).toEqual([]);
  expect(elsewhere).toEqual([]);
});
