// Every server action and route handler, called as every role, compared with
// the permission table (DESIGN §4). The test discovers route files and
// 'use server' exports itself: one it does not know about fails it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, PUBLIC_ACTIONS } from "../actions-registry";
import { createRoleWorkspace, httpRequest, requestAs, unknownWorkspaceId, type RoleWorkspace } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";
import { can, ROLES, type Permission } from "./permissions";

const db = testPrisma();
const ROOT = path.resolve(import.meta.dirname, "../..");

type RouteExpectation = { access: "public" } | { access: "user" } | { access: "workspace"; permission: Permission };

/** What each route and method must allow. Adding a route means adding it here. */
const ROUTES: Record<string, Record<string, RouteExpectation>> = {
  "app/api/health/route.ts": { GET: { access: "public" } },
  "app/api/auth/[...nextauth]/route.ts": { GET: { access: "public" }, POST: { access: "public" } },
  "app/api/workspaces/route.ts": { GET: { access: "user" }, POST: { access: "user" } },
  "app/api/workspaces/[workspaceId]/team/route.ts": { GET: { access: "workspace", permission: "workspace:read" } },
  "app/api/workspaces/[workspaceId]/billing/route.ts": { GET: { access: "workspace", permission: "billing:read" } },
  "app/api/workspaces/[workspaceId]/integrations/route.ts": { GET: { access: "workspace", permission: "workspace:read" } },
  "app/api/workspaces/[workspaceId]/audit-log/route.ts": { GET: { access: "workspace", permission: "audit:read" } },
};

/** What each server action must allow, and a valid input for it. Adding an action means adding it here. */
const ACTION_EXPECTATIONS: Record<string, { access: "user" } | { access: "workspace"; permission: Permission; input: (workspaceId: string) => unknown }> = {
  createWorkspace: { access: "user" },
};
const USER_ACTION_INPUTS: Record<string, () => unknown> = {
  createWorkspace: () => ({ name: "Matrix workspace" }),
};

function walk(dir: string, match: (file: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : walk(full, match);
    return match(full) ? [full] : [];
  });
}

const routeFiles = walk(path.join(ROOT, "app"), (f) => /route\.tsx?$/.test(f)).map((f) => path.relative(ROOT, f));
const serverActionExports = ["app", "lib", "components"].flatMap((dir) =>
  walk(path.join(ROOT, dir), (f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"))
    .filter((f) => /^["']use server["']/m.test(readFileSync(f, "utf8").trimStart().split("\n")[0] ?? ""))
    .flatMap((f) => [...readFileSync(f, "utf8").matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)].map((m) => m[1]!)),
);

let ws: RoleWorkspace;
let other: RoleWorkspace;

beforeAll(async () => {
  ws = await createRoleWorkspace(db, "matrix");
  other = await createRoleWorkspace(db, "matrix-other");
});
afterAll(() => db.$disconnect());

describe("nothing slips past the matrix", () => {
  it("every route file and method is in the table, and every table entry exists", async () => {
    expect(routeFiles.sort()).toEqual(Object.keys(ROUTES).sort());
    for (const file of routeFiles) {
      const routeModule = await import(path.join(ROOT, file));
      const methods = Object.keys(routeModule).filter((k) => /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(k));
      expect(methods.sort(), file).toEqual(Object.keys(ROUTES[file]!).sort());
      for (const [method, expectation] of Object.entries(ROUTES[file]!)) {
        if (expectation.access === "workspace") expect(routeModule[method].permission, `${file} ${method}`).toBe(expectation.permission);
      }
    }
  });

  it("every 'use server' export is a registered action or a known public one", () => {
    const registered = new Set([...ACTIONS.map((a) => a.name), ...PUBLIC_ACTIONS]);
    for (const name of serverActionExports) expect(registered.has(name), `server action ${name} is not registered`).toBe(true);
    expect(ACTIONS.map((a) => a.name).sort()).toEqual(Object.keys(ACTION_EXPECTATIONS).sort());
    for (const action of ACTIONS) {
      const expected = ACTION_EXPECTATIONS[action.name]!;
      expect(action.kind, action.name).toBe(expected.access);
      if (expected.access === "workspace") expect(action.permission, action.name).toBe(expected.permission);
    }
  });
});

const workspaceRoutes = Object.entries(ROUTES).flatMap(([file, methods]) =>
  Object.entries(methods)
    .filter(([, e]) => e.access === "workspace")
    .map(([method, e]) => ({ file, method, permission: (e as { permission: Permission }).permission })),
);

function urlOf(file: string, workspaceId: string): string {
  return "/" + file.replace(/^app\//, "").replace(/\/route\.ts$/, "").replace("[workspaceId]", workspaceId);
}

async function call(file: string, method: string, workspaceId: string, token: string | null): Promise<Response> {
  const routeModule = await import(path.join(ROOT, file));
  return routeModule[method](httpRequest(urlOf(file, workspaceId), token, { method }), { params: Promise.resolve({ workspaceId }) });
}

describe.each(workspaceRoutes)("$method $file", ({ file, method, permission }) => {
  it.each(ROLES)("as %s: allowed exactly when the table says so", async (role) => {
    const response = await call(file, method, ws.workspaceId, ws.actors[role].token);
    expect(response.status).toBe(can(role, permission) ? 200 : 403);
  });

  it("without a session: 401", async () => {
    expect((await call(file, method, ws.workspaceId, null)).status).toBe(401);
  });

  it("a member of another workspace, even its owner: 404", async () => {
    const response = await call(file, method, ws.workspaceId, other.actors.owner.token);
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).not.toContain(ws.workspaceId);
  });

  it("an id that does not exist or is not an id: 404", async () => {
    expect((await call(file, method, unknownWorkspaceId(), ws.actors.owner.token)).status).toBe(404);
    expect((await call(file, method, "not-a-uuid'; DROP TABLE users;--", ws.actors.owner.token)).status).toBe(404);
  });
});

describe("user routes", () => {
  it("GET /api/workspaces lists only the caller's workspaces; 401 without a session", async () => {
    const { GET } = await import(path.join(ROOT, "app/api/workspaces/route.ts"));
    const response = await GET(httpRequest("/api/workspaces", ws.actors.viewer.token), { params: Promise.resolve({}) });
    const body = await response.json();
    expect(body.data.map((w: { id: string }) => w.id)).toEqual([ws.workspaceId]);
    expect((await GET(httpRequest("/api/workspaces", null), { params: Promise.resolve({}) })).status).toBe(401);
  });

  it("POST /api/workspaces: 401 without a session, 400 for bad input, 200 otherwise", async () => {
    const { POST } = await import(path.join(ROOT, "app/api/workspaces/route.ts"));
    const post = (token: string | null, body: string) =>
      POST(httpRequest("/api/workspaces", token, { method: "POST", body, headers: { "content-type": "application/json" } }), {
        params: Promise.resolve({}),
      });
    expect((await post(null, JSON.stringify({ name: "Nope" }))).status).toBe(401);
    const unknownField = await post(ws.actors.member.token, JSON.stringify({ name: "Fine", role: "owner" }));
    expect(unknownField.status).toBe(400);
    expect((await post(ws.actors.member.token, "{not json")).status).toBe(400);
    expect((await post(ws.actors.member.token, JSON.stringify({ name: "x".repeat(20_000) }))).status).toBe(400);
    const created = await post(ws.actors.member.token, JSON.stringify({ name: "Member's own" }));
    expect(created.status).toBe(200);
  });
});

describe("server actions", () => {
  const byName = Object.fromEntries(ACTIONS.map((a) => [a.name, a]));

  it.each(Object.keys(ACTION_EXPECTATIONS))("%s: 401 without a session, and changes nothing", async (name) => {
    const before = await db.workspace.count();
    const expected = ACTION_EXPECTATIONS[name]!;
    const input = expected.access === "workspace" ? expected.input(ws.workspaceId) : USER_ACTION_INPUTS[name]!();
    const result = await byName[name]!.run(requestAs(null), input);
    expect(result).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await db.workspace.count()).toBe(before);
  });

  it.each(
    Object.entries(ACTION_EXPECTATIONS).flatMap(([name, e]) => ROLES.map((role) => ({ name, role, e }))),
  )("$name as $role: allowed exactly when the table says so", async ({ name, role, e }) => {
    const input = e.access === "workspace" ? e.input(ws.workspaceId) : USER_ACTION_INPUTS[name]!();
    const result = await byName[name]!.run(requestAs(ws.actors[role].token), input);
    const allowed = e.access === "user" || can(role, e.permission);
    expect(result.ok ? "allowed" : result.code).toBe(allowed ? "allowed" : "forbidden");
  });

  it.each(
    Object.entries(ACTION_EXPECTATIONS).filter(([, e]) => e.access === "workspace"),
  )("%s on another workspace's id: 404, nothing changes", async (name, e) => {
    if (e.access !== "workspace") return;
    const result = await byName[name]!.run(requestAs(other.actors.owner.token), e.input(ws.workspaceId));
    expect(result).toMatchObject({ ok: false, code: "not_found" });
  });
});
