// Every server action and route handler, called as every role, compared with
// the permission table (docs/architecture.md). The test discovers route files and
// 'use server' exports itself: one it does not know about fails it.
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, PUBLIC_ACTIONS } from "../actions-registry";
import {
  createRoleWorkspace,
  httpRequest,
  requestAs,
  unknownWorkspaceId,
  type RoleWorkspace,
} from "../testing/fixtures";
import { createTestUser, testPrisma } from "../testing/test-db";
import { can, ROLES, type Permission, type Role } from "./permissions";

const db = testPrisma();
const ROOT = path.resolve(import.meta.dirname, "../..");

type RouteExpectation = { access: "public" } | { access: "user" } | { access: "workspace"; permission: Permission };

/** What each route and method must allow. Adding a route means adding it here. */
const ROUTES: Record<string, Record<string, RouteExpectation>> = {
  "app/api/health/route.ts": { GET: { access: "public" } },
  "app/api/auth/[...nextauth]/route.ts": { GET: { access: "public" }, POST: { access: "public" } },
  "app/api/workspaces/route.ts": { GET: { access: "user" }, POST: { access: "user" } },
  "app/api/workspaces/[workspaceId]/team/route.ts": {
    GET: { access: "workspace", permission: "workspace:read" },
    POST: { access: "workspace", permission: "team:manage" },
    PATCH: { access: "workspace", permission: "team:manage" },
    DELETE: { access: "workspace", permission: "team:manage" },
  },
  "app/api/workspaces/[workspaceId]/billing/route.ts": { GET: { access: "workspace", permission: "billing:read" } },
  "app/api/workspaces/[workspaceId]/integrations/route.ts": {
    GET: { access: "workspace", permission: "workspace:read" },
  },
  "app/api/workspaces/[workspaceId]/audit-log/route.ts": { GET: { access: "workspace", permission: "audit:read" } },
};

/**
 * What each server action must allow, and how to make a valid input for it in
 * a fresh workspace (actions change things, so every call gets its own).
 * Adding an action means adding it here.
 */
type Setup = { ws: RoleWorkspace; input: unknown };
type ActionExpectation = {
  access: "user" | "workspace";
  permission?: Permission;
  setup: (role: Role) => Promise<Setup>;
};

async function withTarget(
  status: "active" | "pending",
  role: Role = "viewer",
): Promise<{ ws: RoleWorkspace; memberId: string }> {
  const ws = await createRoleWorkspace(db, "matrix-action");
  const user = await createTestUser(db, "target");
  const member = await db.teamMember.create({
    data: {
      workspaceId: ws.workspaceId,
      userId: user.id,
      role,
      status,
      invitationTokenHash: status === "pending" ? randomBytes(32).toString("hex") : null,
      invitationExpiresAt: status === "pending" ? new Date(Date.now() + 86_400_000) : null,
    },
  });
  return { ws, memberId: member.id };
}
const onTarget =
  (status: "active" | "pending", extra: Record<string, unknown> = {}) =>
  async () => {
    const { ws, memberId } = await withTarget(status);
    return { ws, input: { workspaceId: ws.workspaceId, memberId, ...extra } };
  };

const ACTION_EXPECTATIONS: Record<string, ActionExpectation> = {
  createWorkspace: {
    access: "user",
    setup: async () => ({ ws: await createRoleWorkspace(db, "matrix-action"), input: { name: "Matrix workspace" } }),
  },
  inviteMembers: {
    access: "workspace",
    permission: "team:manage",
    setup: async () => {
      const ws = await createRoleWorkspace(db, "matrix-action");
      return {
        ws,
        input: {
          workspaceId: ws.workspaceId,
          emails: [`new-${randomBytes(4).toString("hex")}@test.example`],
          role: "viewer",
        },
      };
    },
  },
  resendInvitation: { access: "workspace", permission: "team:manage", setup: onTarget("pending") },
  copyInvitationLink: { access: "workspace", permission: "team:manage", setup: onTarget("pending") },
  revokeInvitation: { access: "workspace", permission: "team:manage", setup: onTarget("pending") },
  changeRole: { access: "workspace", permission: "team:manage", setup: onTarget("active", { role: "member" }) },
  deactivateMember: { access: "workspace", permission: "team:manage", setup: onTarget("active") },
  reactivateMember: {
    access: "workspace",
    permission: "team:manage",
    setup: async () => {
      const { ws, memberId } = await withTarget("active");
      await db.teamMember.update({ where: { id: memberId }, data: { status: "inactive" } });
      return { ws, input: { workspaceId: ws.workspaceId, memberId } };
    },
  },
  removeMember: { access: "workspace", permission: "team:manage", setup: onTarget("active") },
  restoreMember: {
    access: "workspace",
    permission: "team:manage",
    setup: async () => {
      const { ws, memberId } = await withTarget("active");
      await db.teamMember.update({ where: { id: memberId }, data: { deletedAt: new Date() } });
      return { ws, input: { workspaceId: ws.workspaceId, memberId } };
    },
  },
  leaveWorkspace: {
    access: "workspace",
    permission: "workspace:read",
    setup: async () => {
      const ws = await createRoleWorkspace(db, "matrix-action");
      // A second owner, so that even the owner may leave.
      const extra = await createTestUser(db, "owner2");
      await db.teamMember.create({
        data: { workspaceId: ws.workspaceId, userId: extra.id, role: "owner", status: "active" },
      });
      return { ws, input: { workspaceId: ws.workspaceId } };
    },
  },
  transferOwnership: { access: "workspace", permission: "workspace:own", setup: onTarget("active") },
  acceptInvitation: {
    access: "user",
    setup: async (role) => {
      // An invitation for the caller to another workspace.
      const ws = await createRoleWorkspace(db, "matrix-action");
      const host = await createRoleWorkspace(db, "matrix-host");
      const token = randomBytes(32).toString("base64url");
      await db.teamMember.create({
        data: {
          workspaceId: host.workspaceId,
          userId: ws.actors[role].userId,
          role: "member",
          status: "pending",
          invitationTokenHash: createHash("sha256").update(token).digest("hex"),
          invitationExpiresAt: new Date(Date.now() + 86_400_000),
        },
      });
      return { ws, input: { token } };
    },
  },
};

function walk(dir: string, match: (file: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "generated" || entry.name === "node_modules" ? [] : walk(full, match);
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
        if (expectation.access === "workspace")
          expect(routeModule[method].permission, `${file} ${method}`).toBe(expectation.permission);
      }
    }
  });

  it("every 'use server' export is a registered action or a known public one", () => {
    const registered = new Set([...ACTIONS.map((a) => a.name), ...PUBLIC_ACTIONS]);
    for (const name of serverActionExports)
      expect(registered.has(name), `server action ${name} is not registered`).toBe(true);
    expect(ACTIONS.map((a) => a.name).sort()).toEqual(Object.keys(ACTION_EXPECTATIONS).sort());
    for (const action of ACTIONS) {
      const expected = ACTION_EXPECTATIONS[action.name]!;
      expect(action.kind, action.name).toBe(expected.access);
      if (expected.access === "workspace") expect(action.permission, action.name).toBe(expected.permission);
      else expect(action.permission, action.name).toBeNull();
    }
  });
});

const workspaceRoutes = Object.entries(ROUTES).flatMap(([file, methods]) =>
  Object.entries(methods)
    .filter(([, e]) => e.access === "workspace")
    .map(([method, e]) => ({ file, method, permission: (e as { permission: Permission }).permission })),
);

function urlOf(file: string, workspaceId: string): string {
  return (
    "/" +
    file
      .replace(/^app\//, "")
      .replace(/\/route\.ts$/, "")
      .replace("[workspaceId]", workspaceId)
  );
}

async function call(file: string, method: string, workspaceId: string, token: string | null): Promise<Response> {
  const routeModule = await import(path.join(ROOT, file));
  return routeModule[method](httpRequest(urlOf(file, workspaceId), token, { method }), {
    params: Promise.resolve({ workspaceId }),
  });
}

describe.each(workspaceRoutes)("$method $file", ({ file, method, permission }) => {
  it.each(ROLES)("as %s: allowed exactly when the table says so", async (role) => {
    const response = await call(file, method, ws.workspaceId, ws.actors[role].token);
    // Allowed: past the chokepoint (a mutation without a body then answers 400); refused: 403.
    if (can(role, permission)) expect([200, 400]).toContain(response.status);
    else expect(response.status).toBe(403);
    if (method === "GET" && can(role, permission)) expect(response.status).toBe(200);
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
      POST(
        httpRequest("/api/workspaces", token, {
          method: "POST",
          body,
          headers: { "content-type": "application/json" },
        }),
        {
          params: Promise.resolve({}),
        },
      );
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
  const DENIED = ["unauthorized", "forbidden", "not_found"];

  it.each(Object.keys(ACTION_EXPECTATIONS))("%s: 401 without a session, and changes nothing", async (name) => {
    const { ws, input } = await ACTION_EXPECTATIONS[name]!.setup("owner");
    const before = await db.auditLog.count({ where: { workspaceId: ws.workspaceId } });
    const result = await byName[name]!.run(requestAs(null), input);
    expect(result).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await db.auditLog.count({ where: { workspaceId: ws.workspaceId } })).toBe(before);
  });

  it.each(Object.keys(ACTION_EXPECTATIONS).flatMap((name) => ROLES.map((role) => ({ name, role }))))(
    "$name as $role: allowed exactly when the table says so",
    async ({ name, role }) => {
      const expected = ACTION_EXPECTATIONS[name]!;
      const { ws, input } = await expected.setup(role);
      const result = await byName[name]!.run(requestAs(ws.actors[role].token), input);
      const allowed = expected.access === "user" || can(role, expected.permission!);
      const outcome = result.ok ? "allowed" : DENIED.includes(result.code) ? result.code : `allowed (${result.code})`;
      if (allowed) expect(outcome, JSON.stringify(result)).toMatch(/^allowed/);
      else expect(outcome).toBe("forbidden");
    },
  );

  it.each(
    Object.entries(ACTION_EXPECTATIONS)
      .filter(([, e]) => e.access === "workspace")
      .map(([name]) => name),
  )("%s on another workspace's ids, even as its owner elsewhere: 404, nothing changes", async (name) => {
    const { ws, input } = await ACTION_EXPECTATIONS[name]!.setup("owner");
    const before = await db.teamMember.findMany({ where: { workspaceId: ws.workspaceId }, orderBy: { id: "asc" } });
    const result = await byName[name]!.run(requestAs(other.actors.owner.token), input);
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await db.teamMember.findMany({ where: { workspaceId: ws.workspaceId }, orderBy: { id: "asc" } })).toEqual(
      before,
    );
  });
});
