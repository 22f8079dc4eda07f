import { spawn } from "node:child_process";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { childProcessEnv, env } from "../lib/env";
import { SIGN_IN_LINKS_PER_ADDRESS } from "../lib/auth/sign-in-throttle";
import { WORKSPACES_PER_USER_PER_DAY } from "../lib/rate-limit/workspace-creation-limits";
import { serverActionId } from "../scripts/server-action-id";
import { createSessionToken, createUser, createWorkspace, db, uniqueEmail } from "./support/db";
import { countEmailsTo } from "./support/mailbox-count";
import { signInAs } from "./support/session";

// Request-level checks of issue #9's security findings against the production build.
// They do not depend on the viewport: the desktop project runs them once.
test.skip(({ isMobile }) => isMobile, "request-level: the desktop project runs it once");
test.afterAll(() => db.$disconnect());

const cookie = (token: string) => ({ Cookie: `authjs.session-token=${token}` });

function expectSecurityHeaders(headers: Record<string, string>) {
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
}

test("security headers on a page, a route handler and an error page; a fresh nonce each time", async ({ request }) => {
  const page = await request.get("/sign-in");
  const route = await request.get("/api/health");
  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  for (const response of [page, route, missing]) expectSecurityHeaders(response.headers());
  const again = await request.get("/sign-in");
  expect(again.headers()["content-security-policy"]).not.toBe(page.headers()["content-security-policy"]);
  // Next's own scripts carry the nonce.
  const nonce = /'nonce-([^']+)'/.exec(page.headers()["content-security-policy"]!)![1]!;
  expect(await page.text()).toContain(`nonce="${nonce}"`);
});

test("the CSP blocks nothing of ours: a settings page hydrates and reports no violation", async ({
  page,
  context,
  baseURL,
}) => {
  const owner = await createUser("csp", "Cora Owner");
  const workspace = await createWorkspace("CSP", [{ userId: owner.id, role: "owner" }]);
  await signInAs(context, baseURL!, owner.id);
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`/w/${workspace.id}/settings/team`);
  // Opening the dialog needs React: the page's scripts ran under the nonce.
  // (Retried: a click before hydration finishes does nothing, which says nothing about the CSP.)
  await expect(async () => {
    await page.getByRole("button", { name: "Invite member" }).click();
    await expect(page.getByRole("dialog", { name: "Invite members" })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 25_000 });
  expect(violations).toEqual([]);
});

test("sign-in follows only same-origin paths: tab, CR/LF, backslash and protocol tricks go home", async ({
  request,
  baseURL,
}) => {
  const user = await createUser("redirect");
  const headers = cookie(await createSessionToken(user.id));
  const cases: [string, string][] = [
    ["/%09/evil.example", "/"],
    ["/%0d%0aSet-Cookie:%20x=1", "/"],
    ["//evil.example", "/"],
    ["/%5Cevil.example", "/"],
    ["https://evil.example/", "/"],
    ["/workspaces/new?from=sign-in", "/workspaces/new?from=sign-in"],
  ];
  for (const [callbackUrl, expected] of cases) {
    const response = await request.get(`/sign-in?callbackUrl=${callbackUrl}`, { headers, maxRedirects: 0 });
    expect(response.status(), callbackUrl).toBe(307);
    const location = new URL(response.headers()["location"]!, baseURL);
    expect(location.origin, callbackUrl).toBe(new URL(baseURL!).origin);
    expect(`${location.pathname}${location.search}`, callbackUrl).toBe(expected);
  }
});

test("the audit log records the connection's address, not a forged X-Forwarded-For, and the request id", async ({
  request,
}) => {
  const user = await createUser("xff");
  const response = await request.post("/api/workspaces", {
    headers: { ...cookie(await createSessionToken(user.id)), "X-Forwarded-For": "203.0.113.66, 10.9.8.7" },
    data: { name: "Forwarded probe" },
  });
  expect(response.status()).toBe(200);
  const { data } = await response.json();
  const entry = await db.auditLog.findFirstOrThrow({ where: { workspaceId: data.id, action: "workspace.created" } });
  expect(["127.0.0.1", "::1"]).toContain(entry.ipAddress);
  expect(entry.requestId).toBe(response.headers()["x-request-id"]);
});

test("JSON routes want JSON (415), bounded bodies (413) and shallow nesting (400), and store nothing", async ({
  request,
}) => {
  const user = await createUser("bodies");
  const headers = cookie(await createSessionToken(user.id));
  const before = await db.teamMember.count({ where: { userId: user.id } });
  const asText = await request.post("/api/workspaces", {
    headers: { ...headers, "Content-Type": "text/plain" },
    data: JSON.stringify({ name: "Text body" }),
  });
  expect(asText.status()).toBe(415);
  const huge = await request.post("/api/workspaces", {
    headers: { ...headers, "Content-Type": "application/json" },
    data: JSON.stringify({ name: "x".repeat(1_000_000) }),
  });
  expect(huge.status()).toBe(413);
  const deep = await request.post("/api/workspaces", {
    headers: { ...headers, "Content-Type": "application/json" },
    data: "[".repeat(5000) + "]".repeat(5000),
  });
  expect(deep.status()).toBe(400);
  expect(await db.teamMember.count({ where: { userId: user.id } })).toBe(before);
});

test("a server action body over the limit is 413, one nested 10,000 deep is 400, and nothing is stored", async ({
  request,
}) => {
  const owner = await createUser("action-bodies");
  const workspace = await createWorkspace("Action bodies", [{ userId: owner.id, role: "owner" }]);
  const headers = {
    ...cookie(await createSessionToken(owner.id)),
    "Next-Action": serverActionId("lib/team/team-server-actions.ts", "inviteMembers"),
    "Content-Type": "text/plain;charset=UTF-8",
    Accept: "text/x-component",
  };
  const url = `/w/${workspace.id}/settings/team`;
  const input = (emails: string[]) => JSON.stringify([{ workspaceId: workspace.id, emails, role: "viewer" }]);
  const big = await request.post(url, { headers, data: input([`${"a".repeat(1_100_000)}@x.example`]) });
  expect(big.status()).toBe(413);
  const deep = await request.post(url, { headers, data: "[".repeat(10_000) + "]".repeat(10_000) });
  expect(deep.status()).toBe(400);
  expect(await db.teamMember.count({ where: { workspaceId: workspace.id } })).toBe(1);
});

test("the development mailbox is not served without DEV_MAILBOX=1", async ({ request }) => {
  expect((await request.get("/dev/mailbox")).status()).toBe(404);
});

async function authJsSignIn(request: APIRequestContext, email: string) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  return request.post("/api/auth/signin/nodemailer", {
    form: { email, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
}

test("sign-in links are throttled per address on both paths, answer the same page, and only the newest works", async ({
  context,
  request,
}) => {
  test.setTimeout(120_000); // seven sign-in requests, each sending email
  const email = uniqueEmail("throttle");
  // Our form's server action …
  for (let i = 0; i < 3; i++) {
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await page.close();
  }
  // … and Auth.js's own endpoint share one budget; past it, the answer is the same page.
  for (let i = 0; i < 4; i++) {
    const response = await authJsSignIn(request, email);
    expect(response.status()).toBe(302);
    // The same answer as when a link went out.
    expect(response.headers()["location"]).toContain("/api/auth/verify-request");
  }
  await expect.poll(() => countEmailsTo(email)).toBe(SIGN_IN_LINKS_PER_ADDRESS);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(countEmailsTo(email)).toBe(SIGN_IN_LINKS_PER_ADDRESS);
  // Each new link retired the earlier ones: one token left.
  expect(await db.verificationToken.count({ where: { identifier: email } })).toBe(1);
});

test("workspace creation is limited per person: past the limit a clear 429 with Retry-After, nothing created", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const user = await createUser("creator");
  const headers = cookie(await createSessionToken(user.id));
  for (let i = 0; i < WORKSPACES_PER_USER_PER_DAY; i++) {
    expect((await request.post("/api/workspaces", { headers, data: { name: `Mine ${i}` } })).status()).toBe(200);
  }
  const refused = await request.post("/api/workspaces", { headers, data: { name: "One too many" } });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await refused.json()).error.message).toMatch(/Try again in/);
  expect(await db.teamMember.count({ where: { userId: user.id } })).toBe(WORKSPACES_PER_USER_PER_DAY);
});

test("production refuses to start without AUTH_URL, APP_URL, AUTH_SECRET or its own credentials key, naming each", async () => {
  const child = spawn("node", ["scripts/start-server.mjs", "--port", String(env.E2E_PORT + 50)], {
    env: childProcessEnv({
      NODE_ENV: "production",
      AUTH_URL: undefined,
      APP_URL: undefined,
      AUTH_SECRET: undefined,
      INTEGRATION_CREDENTIALS_KEY: undefined,
    }),
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).toBe(1);
  for (const name of ["APP_URL", "AUTH_URL", "AUTH_SECRET", "INTEGRATION_CREDENTIALS_KEY"])
    expect(output).toContain(name);
});
