// Operations, for real (docs/operations.md): several app instances and job workers on one database,
// graceful shutdown under load, and the standalone build. Each test starts its own processes from the
// production build; the multi-instance test gives them a database of its own, so the suite's worker
// cannot take its jobs and the processes it stops are the ones doing the work.
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { test } from "@playwright/test";
import { createPrismaClient, type Db } from "../lib/db/prisma";
import { createScratchDatabase, type ScratchDatabase } from "../lib/db/scratch-database";
import { env } from "../lib/env";
import { createTestApiKey } from "../lib/testing/api-key-fixtures";
import { startHttpReceiver, type HttpReceiver } from "../lib/testing/http-receiver";
import { startAppInstance, startWorker, type AppProcess } from "./support/app-processes";
import { waitForLink } from "./support/mailbox";
import { expect } from "./support/expect";

// Heavy (processes of their own): once, in the desktop project.
test.skip(({ isMobile }) => isMobile, "operations run once, in the desktop project");

const port = (offset: number) => env.E2E_PORT + offset;
const json = (response: Response) => response.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

const alert = (id: string) => ({
  type: "alert.triggered",
  alertId: id,
  severity: "critical",
  title: `Alert ${id}`,
  idempotencyKey: id,
});

test.describe("two app instances and two workers on one database", () => {
  test.describe.configure({ mode: "serial", timeout: 240_000 });

  let scratch: ScratchDatabase;
  let db: Db;
  let appB: AppProcess & { url: string };
  let appC: AppProcess & { url: string };
  let workers: AppProcess[] = [];
  let receiver: HttpReceiver;
  let workspace: { id: string; name: string };
  let owner: { id: string };

  test.beforeAll(async () => {
    scratch = await createScratchDatabase(env.DATABASE_ADMIN_URL ?? env.DATABASE_URL!, "ops", {
      appUrl: env.DATABASE_URL!,
    });
    db = createPrismaClient(scratch.url);
    owner = await db.user.create({ data: { email: `owner-${randomUUID().slice(0, 8)}@ops.example`, name: "Owner" } });
    workspace = await db.workspace.create({ data: { name: "Ops Workspace", slug: `ops-${randomUUID().slice(0, 8)}` } });
    await db.billingConfig.create({
      data: {
        workspaceId: workspace.id,
        teamMembersLimit: 10,
        currentPeriodEnd: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    await db.teamMember.create({
      data: { workspaceId: workspace.id, userId: owner.id, role: "owner", status: "active", joinedAt: new Date() },
    });
    const common = {
      DATABASE_URL: scratch.url,
      // Low, so that a dozen requests show whether the budget is shared.
      API_KEY_REQUESTS_PER_MINUTE: "5",
      READINESS_REQUIRES_WORKER: "true",
    };
    [appB, appC] = await Promise.all([
      startAppInstance(port(11), { ...common, APP_URL: `http://localhost:${port(11)}` }),
      startAppInstance(port(12), { ...common, APP_URL: `http://localhost:${port(12)}` }),
    ]);
    workers = await Promise.all([
      startWorker({ DATABASE_URL: scratch.url }),
      startWorker({ DATABASE_URL: scratch.url }),
    ]);
    receiver = await startHttpReceiver();
  });

  test.afterAll(async () => {
    await Promise.all([appB?.stop(), appC?.stop(), ...workers.map((w) => w.stop("SIGKILL"))]);
    await receiver?.stop();
    await db?.$disconnect();
    await scratch?.drop();
  });

  test("both instances are ready: the database, migrations, key and a worker's heartbeat", async () => {
    for (const app of [appB, appC]) {
      const response = await fetch(`${app.url}/api/ready`);
      expect(response.status).toBe(200);
      expect(await json(response)).toMatchObject({ status: "ready", failing: [] });
    }
  });

  test("rate limits are shared: 5 requests a minute per key across both instances, not per instance", async () => {
    const key = await createTestApiKey(db, workspace.id, { scopes: ["read"], name: "limit probe" });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const app = i % 2 ? appC : appB;
      const response = await fetch(`${app.url}/api/workspaces/${workspace.id}/team`, {
        headers: { Authorization: `Bearer ${key.secret}` },
      });
      statuses.push(response.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
  });

  test("each event is delivered once, though two workers poll one queue", async () => {
    const key = await createTestApiKey(db, workspace.id, {
      scopes: ["integrations:write", "events:write"],
      name: "ops",
    });
    const headers = { Authorization: `Bearer ${key.secret}`, "Content-Type": "application/json" };
    const created = await fetch(`${appB.url}/api/workspaces/${workspace.id}/integrations`, {
      method: "POST",
      headers,
      body: JSON.stringify({ type: "webhook", name: "Ops receiver", url: receiver.url("/hooks") }),
    });
    expect(created.status).toBe(200);

    const ids = Array.from({ length: 40 }, (_, i) => `once-${i}-${randomBytes(3).toString("hex")}`);
    // Half the events through each instance, in one batch each.
    for (const [app, half] of [
      [appB, ids.slice(0, 20)],
      [appC, ids.slice(20)],
    ] as const) {
      const published = await fetch(`${app.url}/api/workspaces/${workspace.id}/events`, {
        method: "POST",
        headers,
        body: JSON.stringify({ items: half.map(alert) }),
      });
      expect(published.status).toBe(200);
    }
    await expect
      .poll(() => new Set(receiver.requests.map((r) => JSON.parse(r.body).data?.alertId)).size, { timeout: 60_000 })
      .toBe(40);
    // Quiet for two seconds more: nothing arrives twice.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const alertIds = receiver.requests.map((r) => JSON.parse(r.body).data?.alertId as string);
    expect(alertIds.sort()).toEqual([...ids].sort());
  });

  test("an invitation sent through one instance is accepted on the other, and both see the new member", async ({
    browser,
  }) => {
    const key = await createTestApiKey(db, workspace.id, { scopes: ["read", "team:write"], name: "team" });
    const email = `invitee-${randomUUID().slice(0, 8)}@ops.example`;
    const invited = await fetch(`${appB.url}/api/workspaces/${workspace.id}/team`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key.secret}`, "Content-Type": "application/json" },
      body: JSON.stringify({ emails: [email], role: "member" }),
    });
    expect(invited.status).toBe(200);
    // The link names instance B (its APP_URL); the invitee opens it on instance C.
    const link = new URL(await waitForLink(email, "/invitations/"));
    expect(link.origin).toBe(appB.url);

    // Inviting made the invitee's user row; they sign in (a session of their own) before opening the link.
    const invitee = await db.user.findUniqueOrThrow({ where: { email } });
    const sessionToken = randomBytes(32).toString("hex");
    await db.session.create({ data: { sessionToken, userId: invitee.id, expires: new Date(Date.now() + 86_400_000) } });
    const context = await browser.newContext({ baseURL: appC.url });
    await context.addCookies([
      { name: "authjs.session-token", value: sessionToken, domain: "localhost", path: "/", httpOnly: true },
    ]);
    const page = await context.newPage();
    await page.goto(`${appC.url}${link.pathname}`);
    await page.getByRole("button", { name: `Join ${workspace.name}` }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${workspace.id}/settings/team$`));
    await context.close();

    const members = await json(
      await fetch(`${appB.url}/api/workspaces/${workspace.id}/team`, {
        headers: { Authorization: `Bearer ${key.secret}` },
      }),
    );
    expect(members.data.members).toEqual(
      expect.arrayContaining([expect.objectContaining({ email, role: "member", status: "active" })]),
    );
  });

  test("a worker stopped with SIGTERM exits 0; one killed mid-delivery loses nothing: another worker takes over", async () => {
    test.slow(); // pg-boss notices a dead worker when its job's heartbeat lapses (10 s) at its next supervision (15 s)
    // One worker stops gracefully, so the other is the only one working.
    const [survivor, stopped] = workers;
    expect(await stopped!.stop("SIGTERM")).toBe(0);
    workers = [survivor!];

    const key = await createTestApiKey(db, workspace.id, { scopes: ["events:write"], name: "crash" });
    receiver.reset();
    // Slow answers: the worker is mid-delivery when it dies.
    receiver.respondWith({ status: 200, delayMs: 3000 });
    const ids = Array.from({ length: 5 }, (_, i) => `crash-${i}-${randomBytes(3).toString("hex")}`);
    const published = await fetch(`${appC.url}/api/workspaces/${workspace.id}/events`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key.secret}`, "Content-Type": "application/json" },
      body: JSON.stringify({ items: ids.map(alert) }),
    });
    expect(published.status).toBe(200);
    await receiver.waitFor(undefined, 30_000);
    await survivor!.stop("SIGKILL");
    receiver.respondWith({ status: 200 });

    const replacement = await startWorker({ DATABASE_URL: scratch.url });
    workers = [replacement];
    await expect
      .poll(() => new Set(receiver.requests.map((r) => JSON.parse(r.body).data?.alertId)).size, { timeout: 90_000 })
      .toBe(5);
    // A delivery sent again after the crash carries the same webhook-id: receivers drop the repeat.
    const idsByAlert = new Map<string, Set<string>>();
    for (const r of receiver.requests) {
      const alertId = JSON.parse(r.body).data?.alertId as string;
      idsByAlert.set(alertId, (idsByAlert.get(alertId) ?? new Set()).add(r.headers["webhook-id"]!));
    }
    expect([...idsByAlert.keys()].sort()).toEqual([...ids].sort());
    for (const webhookIds of idsByAlert.values()) expect(webhookIds.size).toBe(1);
  });
});

test.describe("graceful shutdown", () => {
  test.describe.configure({ timeout: 180_000 });

  test("SIGTERM under load: readiness turns 503, requests in flight finish, none fails, and the process exits 0", async () => {
    const ws = await createLoadWorkspace();
    const app = await startAppInstance(port(13), {
      SHUTDOWN_DRAIN_SECONDS: "2",
      READINESS_REQUIRES_WORKER: "false",
      APP_URL: `http://localhost:${port(13)}`,
    });
    // A load balancer: it routes requests while GET /api/ready answers 200 (checked every 100 ms).
    let routing = true;
    const balancer = (async () => {
      while (routing) {
        const ready = await fetch(`${app.url}/api/ready`).then(
          (response) => response.status === 200,
          () => false,
        );
        if (!ready) routing = false;
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const failures: string[] = [];
    let completed = 0;
    const loops = Array.from({ length: 12 }, async () => {
      while (routing) {
        await send(app.url, "GET", `/api/workspaces/${ws.workspaceId}/team`, ws.secret).then(
          (status) => (status === 200 ? completed++ : failures.push(`status ${status}`)),
          (error: NodeJS.ErrnoException) => failures.push(String(error.code ?? error.message)),
        );
      }
    });
    // A request whose body is still arriving when the listener closes: it must be answered.
    const slow = slowPost(
      app.url,
      `/api/workspaces/${ws.workspaceId}/events`,
      ws.secret,
      alert(`slow-${randomUUID()}`),
    );
    await expect.poll(() => completed, { timeout: 30_000 }).toBeGreaterThan(50);

    app.child.kill("SIGTERM");
    await balancer; // readiness turned 503 at once; the balancer stops routing
    const atReadinessDrop = completed;
    await Promise.all(loops);
    await expect.poll(() => app.output(), { timeout: 10_000 }).toContain('"msg":"stopped taking requests"');
    expect(app.child.exitCode).toBeNull(); // still waiting for the slow request
    slow.finish();
    expect(await slow.status).toBe(200);
    expect(await app.exited).toBe(0);

    expect(failures).toEqual([]);
    expect(completed).toBeGreaterThanOrEqual(atReadinessDrop);
    expect(app.output()).toMatch(/"msg":"stopped".*"unfinished":0|"unfinished":0.*"msg":"stopped"/);
  });
});

test("50 clients across 10 workspaces, changing teams and reading pages at once: each sees only its own workspace", async () => {
  test.setTimeout(240_000);
  const { db, createSessionToken, createWorkspace } = await import("./support/db");
  const tenants = await Promise.all(
    Array.from({ length: 10 }, async (_, index) => {
      const domain = `w${index}-${randomUUID().slice(0, 6)}.example`;
      const users = await Promise.all(
        ["owner", "m1", "m2", "m3"].map((label) =>
          db.user.create({
            data: { email: `${label}@${domain}`, name: `${label} of ${domain}`, emailVerified: new Date() },
          }),
        ),
      );
      const workspace = await createWorkspace(`Tenant ${domain}`, [
        { userId: users[0]!.id, role: "owner" },
        ...users.slice(1).map((user) => ({ userId: user.id, role: "member" as const })),
      ]);
      const members = await db.teamMember.findMany({ where: { workspaceId: workspace.id, role: "member" } });
      const key = await createTestApiKey(db, workspace.id, { scopes: ["read", "team:write"], name: "smoke" });
      return {
        workspace,
        domain,
        memberIds: members.map((m) => m.id),
        key: key.secret,
        session: await createSessionToken(users[0]!.id),
      };
    }),
  );
  const domains = tenants.map((t) => t.domain);
  const base = `http://localhost:${env.E2E_PORT}`;
  const problems: string[] = [];
  const foreign = (text: string, own: string) => domains.filter((d) => d !== own && text.includes(d));

  const client = async (tenant: (typeof tenants)[number], n: number) => {
    const api = `${base}/api/workspaces/${tenant.workspace.id}/team`;
    const auth = { Authorization: `Bearer ${tenant.key}` };
    for (let round = 0; round < 5; round++) {
      const memberId = tenant.memberIds[(n + round) % tenant.memberIds.length]!;
      const changed = await fetch(api, {
        method: "PATCH",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ action: "change_role", memberId, role: round % 2 ? "member" : "viewer" }),
      });
      if (changed.status !== 200) problems.push(`${tenant.domain}: PATCH ${changed.status}`);
      const listed = await fetch(api, { headers: auth });
      const body = await listed.text();
      if (listed.status !== 200) problems.push(`${tenant.domain}: GET ${listed.status}`);
      const emails = (JSON.parse(body).data?.members ?? []).map((m: { email: string }) => m.email) as string[];
      if (emails.length !== 4 || emails.some((email) => !email.endsWith(`@${tenant.domain}`))) {
        problems.push(`${tenant.domain}: the list holds ${emails.join(", ")}`);
      }
      const page = await fetch(`${base}/w/${tenant.workspace.id}/settings/team`, {
        headers: { Cookie: `authjs.session-token=${tenant.session}` },
        redirect: "manual",
      });
      const html = await page.text();
      if (page.status !== 200 || !html.includes(tenant.domain)) problems.push(`${tenant.domain}: page ${page.status}`);
      if (foreign(html, tenant.domain).length || foreign(body, tenant.domain).length) {
        problems.push(
          `${tenant.domain}: saw ${[...foreign(html, tenant.domain), ...foreign(body, tenant.domain)].join(", ")}`,
        );
      }
    }
  };
  await Promise.all(tenants.flatMap((tenant) => Array.from({ length: 5 }, (_, n) => client(tenant, n))));
  expect(problems).toEqual([]);
  // The changes landed, each in its own workspace's audit log (a change to the role a member already has records nothing).
  for (const tenant of tenants) {
    const changes = await db.auditLog.count({
      where: { workspaceId: tenant.workspace.id, action: "member.role_changed" },
    });
    expect(changes).toBeGreaterThan(0);
  }
});

test("one request id end to end: the caller's X-Request-Id in the answer, the audit log and every log line of the request", async () => {
  const { db, createUser, createWorkspace } = await import("./support/db");
  const owner = await createUser("trace-owner");
  const workspace = await createWorkspace(`Trace ${randomUUID().slice(0, 6)}`, [{ userId: owner.id, role: "owner" }]);
  await db.billingConfig.update({ where: { workspaceId: workspace.id }, data: { teamMembersLimit: 10 } });
  const key = await createTestApiKey(db, workspace.id, { scopes: ["team:write"], name: "trace" });
  const requestId = `lb-${randomBytes(8).toString("hex")}`;
  const response = await fetch(`http://localhost:${env.E2E_PORT}/api/workspaces/${workspace.id}/team`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key.secret}`, "Content-Type": "application/json", "X-Request-Id": requestId },
    body: JSON.stringify({ emails: [`traced-${randomUUID().slice(0, 8)}@e2e.example`], role: "viewer" }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("x-request-id")).toBe(requestId);
  const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "invitation.sent" } });
  expect(audit.requestId).toBe(requestId);
  test.skip(!env.E2E_SERVER_LOG, "the server's log is kept only under npm test");
  // The server's access line and the app's own line about the invitation email both carry it.
  await expect
    .poll(
      () =>
        readFileSync(env.E2E_SERVER_LOG!, "utf8")
          .split("\n")
          .filter((line) => line.includes(`"requestId":"${requestId}"`))
          .map((line) => JSON.parse(line).msg as string),
      { timeout: 10_000 },
    )
    .toEqual(expect.arrayContaining(["request", "email sent"]));
});

test("GET /api/metrics: 401 without the token, Prometheus text with it", async () => {
  const base = `http://localhost:${env.E2E_PORT}`;
  expect((await fetch(`${base}/api/metrics`)).status).toBe(401);
  const scraped = await fetch(`${base}/api/metrics`, { headers: { Authorization: `Bearer ${env.METRICS_TOKEN}` } });
  expect(scraped.status).toBe(200);
  const text = await scraped.text();
  expect(text).toMatch(/^settings_http_requests_total\{/m);
  expect(text).toMatch(/^settings_db_pool_connections\{/m);
});

test("the standalone build serves the app: node .next/standalone/server.js", async () => {
  test.setTimeout(120_000);
  const app = await startAppInstance(
    port(14),
    { READINESS_REQUIRES_WORKER: "false", APP_URL: `http://localhost:${port(14)}` },
    ".next/standalone/server.js",
  );
  try {
    const ready = await fetch(`${app.url}/api/ready`);
    expect(await json(ready)).toMatchObject({ status: "ready", checks: { migrations: { ok: true } } });
    const page = await fetch(`${app.url}/sign-in`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(script).toBeTruthy();
    expect((await fetch(`${app.url}${script}`)).status).toBe(200);
    // Our server, not Next's: it answers with the caller's request id.
    const traced = await fetch(`${app.url}/api/health`, { headers: { "X-Request-Id": "standalone-check-1" } });
    expect(traced.headers.get("x-request-id")).toBe("standalone-check-1");
  } finally {
    expect(await app.stop()).toBe(0);
  }
});

/** A workspace of the suite's database with a read key, for load. */
async function createLoadWorkspace() {
  const { db } = await import("./support/db");
  const workspace = await db.workspace.create({ data: { name: "Load", slug: `load-${randomUUID().slice(0, 8)}` } });
  const key = await createTestApiKey(db, workspace.id, { scopes: ["read", "events:write"], name: "load" });
  return { workspaceId: workspace.id, secret: key.secret };
}

/** One request on a fresh connection (no keep-alive), resolving with its status. */
function send(base: string, method: string, path: string, bearer: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${base}${path}`,
      { method, agent: false, headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" } },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** A POST whose body arrives in two parts: the second only when `finish()` is called. */
function slowPost(base: string, path: string, bearer: string, payload: unknown) {
  const body = Buffer.from(JSON.stringify(payload));
  let finish = () => undefined as void;
  const status = new Promise<number>((resolve, reject) => {
    const request = httpRequest(
      `${base}${path}`,
      {
        method: "POST",
        agent: false,
        headers: {
          Authorization: `Bearer ${bearer}`,
          "Content-Type": "application/json",
          "Content-Length": String(body.length),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.write(body.subarray(0, 10));
    finish = () => void request.end(body.subarray(10));
  });
  return { status, finish: () => finish() };
}
