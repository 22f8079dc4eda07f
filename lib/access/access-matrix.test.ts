// Every server action, route handler and page, checked as every role against the permission table
// (lib/access/permissions.ts; docs/decisions/003-access-chokepoint-and-rls.md) — and every workspace route
// as API keys of every scope (docs/decisions/008-api-keys-and-scopes.md). The test discovers route
// files, pages and 'use server' exports itself: one it does not know about fails it. An allowed role or
// key must succeed with a valid input (not 400, not 500); a refused one gets 403 and changes nothing.
// A route that does not know about keys fails here: its key with the right scope would get a 401.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ACTIONS, PUBLIC_ACTIONS } from "../actions-registry";
import {
  callsWithLiteral,
  discoverServerActions,
  hasModuleUseServer,
  HTTP_METHODS,
  inlineUseServerFunctions,
  pageFiles,
  ROOT,
  routeFiles,
  urlOfRoute,
} from "../testing/app-files";
import {
  createRoleWorkspace,
  httpRequest,
  requestAs,
  unknownWorkspaceId,
  type RoleWorkspace,
} from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";
import { ACTION_SETUPS, ROUTE_SETUPS } from "../testing/valid-calls";
import { bearerRequest, createTestApiKey } from "../testing/api-key-fixtures";
import { can, KEY_SCOPES, keyCan, PERMISSIONS, ROLES, type KeyScope, type Permission, type Role } from "./permissions";

// 'use server' modules import run-action.ts, which is marked server-only; here we are the server.
vi.mock("server-only", () => ({}));

const db = testPrisma();

type Access =
  | { access: "public" }
  | { access: "user" }
  /** `later`: the write lands with a later issue; an allowed caller gets 501 (after the same checks). */
  | { access: "workspace"; permission: Permission; later?: true };

/** What each route and method must allow. Adding a route means adding it here. */
const ROUTES: Record<string, Record<string, Access>> = {
  "app/api/health/route.ts": { GET: { access: "public" } },
  "app/api/openapi.json/route.ts": { GET: { access: "public" } },
  // A bearer token of its own (METRICS_TOKEN), no user or key; 404 without one (docs/metrics.md).
  "app/api/metrics/route.ts": { GET: { access: "public" } },
  // Readiness for load balancers: no user, no key, no workspace data (docs/operations.md).
  "app/api/ready/route.ts": { GET: { access: "public" } },
  // Stripe's signature on the raw body is its credential (lib/stripe/inbox/receive-stripe-webhook.ts).
  "app/api/webhooks/stripe/route.ts": { POST: { access: "public" } },
  "app/api/auth/[...nextauth]/route.ts": { GET: { access: "public" }, POST: { access: "public" } },
  "app/api/workspaces/route.ts": { GET: { access: "user" }, POST: { access: "user" } },
  "app/api/workspaces/[workspaceId]/team/route.ts": {
    GET: { access: "workspace", permission: "workspace:read" },
    POST: { access: "workspace", permission: "team:manage" },
    PATCH: { access: "workspace", permission: "team:manage" },
    DELETE: { access: "workspace", permission: "team:manage" },
  },
  "app/api/workspaces/[workspaceId]/billing/route.ts": {
    GET: { access: "workspace", permission: "billing:read" },
    PATCH: { access: "workspace", permission: "billing:manage" },
  },
  "app/api/workspaces/[workspaceId]/integrations/route.ts": {
    GET: { access: "workspace", permission: "workspace:read" },
    POST: { access: "workspace", permission: "integrations:manage" },
    PATCH: { access: "workspace", permission: "integrations:manage" },
    DELETE: { access: "workspace", permission: "integrations:manage" },
  },
  "app/api/workspaces/[workspaceId]/integrations/[integrationId]/deliveries/route.ts": {
    GET: { access: "workspace", permission: "workspace:read" },
  },
  "app/api/workspaces/[workspaceId]/integrations/[integrationId]/deliveries/[deliveryId]/retry/route.ts": {
    POST: { access: "workspace", permission: "integrations:manage" },
  },
  "app/api/workspaces/[workspaceId]/integrations/[integrationId]/replay/route.ts": {
    POST: { access: "workspace", permission: "integrations:manage" },
  },
  "app/api/workspaces/[workspaceId]/api-keys/route.ts": {
    GET: { access: "workspace", permission: "api_keys:read" },
    POST: { access: "workspace", permission: "api_keys:manage" },
  },
  "app/api/workspaces/[workspaceId]/api-keys/[keyId]/route.ts": {
    DELETE: { access: "workspace", permission: "api_keys:manage" },
  },
  "app/api/workspaces/[workspaceId]/usage/route.ts": { POST: { access: "workspace", permission: "usage:report" } },
  "app/api/workspaces/[workspaceId]/events/route.ts": { POST: { access: "workspace", permission: "events:publish" } },
  "app/api/workspaces/[workspaceId]/audit-log/route.ts": { GET: { access: "workspace", permission: "audit:read" } },
};

/** What each server action must allow (valid inputs: lib/testing/valid-calls.ts). Adding an action means adding it here. */
const ACTION_ACCESS: Record<string, Exclude<Access, { access: "public" }>> = {
  createWorkspace: { access: "user" },
  inviteMembers: { access: "workspace", permission: "team:manage" },
  resendInvitation: { access: "workspace", permission: "team:manage" },
  copyInvitationLink: { access: "workspace", permission: "team:manage" },
  revokeInvitation: { access: "workspace", permission: "team:manage" },
  changeRole: { access: "workspace", permission: "team:manage" },
  deactivateMember: { access: "workspace", permission: "team:manage" },
  reactivateMember: { access: "workspace", permission: "team:manage" },
  removeMember: { access: "workspace", permission: "team:manage" },
  restoreMember: { access: "workspace", permission: "team:manage" },
  leaveWorkspace: { access: "workspace", permission: "workspace:read" },
  transferOwnership: { access: "workspace", permission: "workspace:own" },
  acceptInvitation: { access: "user" },
  createApiKey: { access: "workspace", permission: "api_keys:manage" },
  revokeApiKey: { access: "workspace", permission: "api_keys:manage" },
  changePlan: { access: "workspace", permission: "billing:manage" },
  previewPlanChange: { access: "workspace", permission: "billing:manage" },
  openBillingPortal: { access: "workspace", permission: "billing:manage" },
  updateBilling: { access: "workspace", permission: "billing:manage" },
  createIntegration: { access: "workspace", permission: "integrations:manage" },
  updateIntegration: { access: "workspace", permission: "integrations:manage" },
  setIntegrationEnabled: { access: "workspace", permission: "integrations:manage" },
  deleteIntegration: { access: "workspace", permission: "integrations:manage" },
  rotateSigningSecret: { access: "workspace", permission: "integrations:manage" },
  sendTestEvent: { access: "workspace", permission: "integrations:manage" },
  retryDelivery: { access: "workspace", permission: "integrations:manage" },
  replayIntegration: { access: "workspace", permission: "integrations:manage" },
};

/**
 * Every page and layout under app/, with what gates it. Workspace pages load through
 * `loadWorkspacePage(workspaceId, <permission>, …)`; `roles` is written out by hand and must match the
 * permission table. Pages cannot be rendered here, so this is checked on the source. `systemDb` says
 * why a page may use the system client (which bypasses the workspace's row-level security).
 */
type PageAccess = (
  | { access: "workspace"; permission: Permission; roles: Role[] }
  /** The settings chrome: `settingsContext(workspaceId)` (an active member of any role), no workspace data. */
  | { access: "settings-shell" }
  | { access: "user" }
  | { access: "public"; why: string }
) & { systemDb?: string };
const PAGES: Record<string, PageAccess> = {
  "app/layout.tsx": { access: "public", why: "the root layout: no data" },
  "app/page.tsx": { access: "user", systemDb: "the caller's own workspace list" },
  "app/dev/mailbox/page.tsx": { access: "public", why: "404 unless email goes to the development mailbox" },
  "app/docs/api/page.tsx": { access: "public", why: "the API reference: the public OpenAPI document, no data" },
  "app/invitations/[token]/page.tsx": {
    access: "public",
    why: "the token is the credential; accepting needs a signed-in user",
    systemDb: "the invitation is read by its token's hash across workspaces",
  },
  "app/sign-in/page.tsx": { access: "public", why: "signing in" },
  "app/sign-in/check-email/page.tsx": { access: "public", why: "signing in" },
  "app/sign-out/page.tsx": { access: "user" },
  "app/workspaces/new/page.tsx": { access: "user", systemDb: "the caller's own workspace list" },
  "app/w/[workspaceId]/settings/layout.tsx": { access: "settings-shell" },
  "app/w/[workspaceId]/settings/page.tsx": { access: "public", why: "only redirects to the team page" },
  "app/w/[workspaceId]/settings/team/page.tsx": {
    access: "workspace",
    permission: "workspace:read",
    roles: ["owner", "admin", "member", "viewer"],
  },
  "app/w/[workspaceId]/settings/billing/page.tsx": {
    access: "workspace",
    permission: "billing:read",
    roles: ["owner", "admin"],
  },
  "app/w/[workspaceId]/settings/integrations/page.tsx": {
    access: "workspace",
    permission: "workspace:read",
    roles: ["owner", "admin", "member", "viewer"],
  },
  "app/w/[workspaceId]/settings/api-keys/page.tsx": {
    access: "workspace",
    permission: "api_keys:read",
    roles: ["owner", "admin"],
  },
  "app/w/[workspaceId]/settings/audit-log/page.tsx": {
    access: "workspace",
    permission: "audit:read",
    roles: ["owner", "admin"],
  },
};

let ws: RoleWorkspace;
let other: RoleWorkspace;

beforeAll(async () => {
  ws = await createRoleWorkspace(db, "matrix");
  other = await createRoleWorkspace(db, "matrix-other");
});
afterAll(() => db.$disconnect());

/** Rows of these workspaces that any change writes (members, audit entries, events). */
const snapshot = (workspaceIds: string[]) =>
  Promise.all(
    workspaceIds.map((workspaceId) =>
      Promise.all([
        db.teamMember.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
        db.auditLog.count({ where: { workspaceId } }),
        db.eventOutbox.count({ where: { workspaceId } }),
        db.apiKey.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, select: { id: true, revokedAt: true } }),
        db.usageReport.count({ where: { workspaceId } }),
        db.billingConfig.findUnique({
          where: { workspaceId },
          select: { tracesCurrentMonth: true, apiKeysCurrent: true },
        }),
      ]),
    ),
  );

describe("the permission table", () => {
  it("lists only permissions something checks: a route, a server action or a page", () => {
    const used = new Set<string>([
      ...Object.values(ROUTES).flatMap((methods) =>
        Object.values(methods).flatMap((a) => (a.access === "workspace" ? [a.permission] : [])),
      ),
      ...ACTIONS.flatMap((action) => (action.permission ? [action.permission] : [])),
      ...Object.values(PAGES).flatMap((page) => (page.access === "workspace" ? [page.permission] : [])),
    ]);
    expect(Object.keys(PERMISSIONS).filter((permission) => !used.has(permission))).toEqual([]);
  });

  it("gives each permission to exactly these roles (written out by hand)", () => {
    expect(PERMISSIONS).toEqual({
      "workspace:read": ["owner", "admin", "member", "viewer"],
      "team:manage": ["owner", "admin"],
      "billing:read": ["owner", "admin"],
      "workspace:own": ["owner"],
      "audit:read": ["owner", "admin"],
      "billing:manage": ["owner"],
      "integrations:manage": ["owner", "admin"],
      "api_keys:read": ["owner", "admin"],
      "api_keys:manage": ["owner", "admin"],
      "usage:report": [],
      "events:publish": [],
    });
  });

  it("gives each permission to exactly these API key scopes (written out by hand)", () => {
    const byScope = Object.fromEntries(
      KEY_SCOPES.map((scope) => [
        scope,
        (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => keyCan([scope], "owner", permission)),
      ]),
    );
    expect(byScope).toEqual({
      read: ["workspace:read", "billing:read", "audit:read", "api_keys:read"],
      "team:write": ["team:manage"],
      "integrations:write": ["integrations:manage"],
      "usage:write": ["usage:report"],
      "events:write": ["events:publish"],
    });
    // Never a key, whatever its scopes: plan, payment, ownership, and minting or revoking keys.
    for (const permission of ["billing:manage", "workspace:own", "api_keys:manage"] as const)
      expect(keyCan(KEY_SCOPES, "owner", permission), permission).toBe(false);
  });
});

describe("nothing slips past the matrix", () => {
  it("every route file and method is in the table, and every table entry exists", async () => {
    const files = routeFiles();
    expect(files).toEqual(Object.keys(ROUTES).sort());
    for (const file of files) {
      const routeModule = await import(path.join(ROOT, file));
      const methods = Object.keys(routeModule).filter((k) => (HTTP_METHODS as readonly string[]).includes(k));
      expect(methods.sort(), file).toEqual(Object.keys(ROUTES[file]!).sort());
      for (const [method, expectation] of Object.entries(ROUTES[file]!)) {
        if (expectation.access === "workspace")
          expect(routeModule[method].permission, `${file} ${method}`).toBe(expectation.permission);
        if (expectation.access !== "public")
          expect(ROUTE_SETUPS[file]?.[method], `valid request for ${file} ${method}`).toBeTypeOf("function");
      }
    }
  });

  it("every 'use server' export is a registered action or a known public one; none is inline", async () => {
    const { exports, inline } = await discoverServerActions();
    expect(inline, "inline 'use server' functions: move them to a *-server-actions.ts module").toEqual([]);
    // The app's three 'use server' modules, at least: discovery that finds nothing proves nothing.
    expect(new Set(exports.map((e) => e.file)).size).toBeGreaterThanOrEqual(3);
    const registered = new Set<string>([...ACTIONS.map((a) => a.name), ...PUBLIC_ACTIONS]);
    const unregistered = exports.filter((e) => !registered.has(e.name)).map((e) => `${e.file}: ${e.name}`);
    expect(unregistered, "server actions missing from lib/actions-registry.ts").toEqual([]);
    // And the other way: each registered action is exported by some 'use server' module.
    const exported = new Set(exports.map((e) => e.name));
    expect([...registered].filter((name) => !exported.has(name))).toEqual([]);
  });

  it("every registered action is in the table, with its access, and has a valid input", () => {
    expect(ACTIONS.map((a) => a.name).sort()).toEqual(Object.keys(ACTION_ACCESS).sort());
    expect(Object.keys(ACTION_SETUPS).sort()).toEqual(Object.keys(ACTION_ACCESS).sort());
    for (const action of ACTIONS) {
      const expected = ACTION_ACCESS[action.name]!;
      expect(action.kind, action.name).toBe(expected.access);
      expect(action.permission, action.name).toBe(expected.access === "workspace" ? expected.permission : null);
    }
  });
});

describe("server action discovery (self-test on fixtures)", () => {
  it.each([
    ['"use server";\nexport async function a() {}', true],
    ["'use server'\nexport async function a() {}", true],
    ['// A comment first\n\n/* and a block */\n"use server";\nexport async function a() {}', true],
    ['/**\n * Docs.\n */\n\n\n  "use server"  ;\nexport const a = async () => 1;', true],
    ['"use strict";\n"use server";\nexport async function a() {}', true],
    ['import { x } from "y";\n"use server";\nexport async function a() {}', false],
    ['const s = "use server";\nexport async function a() {}', false],
    ["`use server`;\nexport async function a() {}", false],
    ['("use server");\nexport async function a() {}', false],
    ['"use client";\nexport function A() {}', false],
  ])("module directive in %j: %s", (source, expected) => {
    expect(hasModuleUseServer(source)).toBe(expected);
  });

  it("finds inline server actions, in functions and arrows, not strings that merely mention it", () => {
    const source = [
      "export default function Page() {",
      "  async function save() {",
      '    "use server";',
      "  }",
      '  const remove = async () => { "use server"; };',
      '  const label = "use server";',
      "  return null;",
      "}",
    ].join("\n");
    expect(inlineUseServerFunctions(source, "page.tsx")).toEqual(["2:3", "5:18"]);
  });

  it("takes every export of a module from the module object, however it is written", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "use-server-"));
    try {
      const file = path.join(dir, "fixture-actions.ts");
      writeFileSync(
        file,
        [
          "// leading comment",
          '"use server";',
          "export async function declared() { return 1; }",
          "export const arrow = async () => 2;",
          "const hidden = async () => 3;",
          "export { hidden as renamed };",
          "export default async function () { return 4; }",
        ].join("\n"),
      );
      expect(hasModuleUseServer(readFileSync(file, "utf8"))).toBe(true);
      expect(Object.keys(await import(file)).sort()).toEqual(["arrow", "declared", "default", "renamed"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("pages", () => {
  const files = pageFiles();

  it("every page and layout is in the table, and every table entry exists", () => {
    expect(files).toEqual(Object.keys(PAGES).sort());
  });

  it.each(Object.keys(PAGES))("%s is gated as the table says", (file) => {
    const expected = PAGES[file]!;
    const source = readFileSync(path.join(ROOT, file), "utf8");
    const loads = callsWithLiteral(source, file, "loadWorkspacePage", 1);
    const requires = callsWithLiteral(source, file, "requireCurrentUser", 0);
    if (expected.access === "workspace") {
      expect(loads, "loadWorkspacePage(workspaceId, <permission>, …)").toEqual([expected.permission]);
      expect(ROLES.filter((role) => can(role, expected.permission))).toEqual(expected.roles);
    } else if (expected.access === "settings-shell") {
      expect(loads).toEqual([]);
      expect(source).toMatch(/await settingsContext\(workspaceId\);/);
      expect(source, "renders nothing of the workspace for anyone but a member").toMatch(
        /if \(context\.kind === "not-found"\) notFound\(\);/,
      );
    } else {
      expect(loads, "a page that loads workspace data must be a workspace page in the table").toEqual([]);
      if (expected.access === "user") expect(requires.length, "requireCurrentUser(returnTo)").toBe(1);
      else expect(requires).toEqual([]);
    }
    // Workspace data only through the chokepoint: the system client needs a stated reason.
    expect(/\b(systemDb|readPool)\s*\(/.test(source), "uses systemDb() or readPool() (state why in the table)").toBe(
      Boolean(expected.systemDb),
    );
    expect(source, "opens its own tenant transaction").not.toMatch(/\btenantTransaction\s*\(/);
    if (file.startsWith("app/w/[workspaceId]/") && expected.access === "public")
      expect(source, "a workspace page that is not gated must not read data").not.toMatch(/\bawait\s+(?!params\b)/);
    if (expected.access === "settings-shell")
      expect(source.match(/\bawait\s+(?!params\b)\S+/g), "reads nothing but its context").toEqual([
        "await settingsContext(workspaceId);",
      ]);
  });
});

const routeCases = Object.entries(ROUTES).flatMap(([file, methods]) =>
  Object.entries(methods)
    .filter((entry): entry is [string, Exclude<Access, { access: "public" }>] => entry[1].access !== "public")
    .map(([method, access]) => ({ file, method, access })),
);

function queryString(query: Record<string, string> | undefined): string {
  return query ? `?${new URLSearchParams(query)}` : "";
}

async function callRoute(
  file: string,
  method: string,
  workspaceId: string,
  token: string | null,
  request: { body?: unknown; query?: Record<string, string>; params?: Record<string, string>; bearer?: string } = {},
): Promise<Response> {
  const routeModule = await import(path.join(ROOT, file));
  const init: RequestInit = { method };
  if (request.body !== undefined) {
    init.body = JSON.stringify(request.body);
    init.headers = { "content-type": "application/json" };
  }
  const url =
    urlOfRoute(file, workspaceId).replace("[keyId]", request.params?.keyId ?? "x") + queryString(request.query);
  return routeModule[method](
    request.bearer ? bearerRequest(url, request.bearer, init) : httpRequest(url, token, init),
    {
      params: Promise.resolve(file.includes("[workspaceId]") ? { workspaceId, ...request.params } : {}),
    },
  );
}

/** What an allowed caller gets: 200 with data, or 501 for a write that lands with a later issue. */
async function expectAllowed(response: Response, access: Exclude<Access, { access: "public" }>) {
  const json = await response.json();
  if (access.access === "workspace" && access.later) {
    expect(response.status, JSON.stringify(json)).toBe(501);
    expect(json.error.code).toBe("not_implemented");
  } else {
    expect(response.status, JSON.stringify(json)).toBe(200);
    expect(json).toHaveProperty("data");
  }
}

describe.each(routeCases)("$method $file", ({ file, method, access }) => {
  it.each(ROLES)(
    "as %s: 200 with a valid request exactly when the table says so, else 403 and no change",
    async (role) => {
      const { ws, body, query, params } = await ROUTE_SETUPS[file]![method]!(db);
      const before = await snapshot([ws.workspaceId]);
      const response = await callRoute(file, method, ws.workspaceId, ws.actors[role].token, { body, query, params });
      if (access.access === "user" || can(role, access.permission)) {
        await expectAllowed(response, access);
      } else {
        const json = await response.json();
        expect(response.status, JSON.stringify(json)).toBe(403);
        expect(json.error.code).toBe("forbidden");
        expect(await snapshot([ws.workspaceId])).toEqual(before);
      }
    },
  );

  it("without a session: 401, and no change", async () => {
    const { ws, body, query, params } = await ROUTE_SETUPS[file]![method]!(db);
    const before = await snapshot([ws.workspaceId]);
    const response = await callRoute(file, method, ws.workspaceId, null, { body, query, params });
    expect(response.status).toBe(401);
    expect(await snapshot([ws.workspaceId])).toEqual(before);
  });

  if (access.access === "workspace") {
    it("a member of another workspace, even its owner: 404, nothing revealed, no change", async () => {
      const { ws, body, query, params } = await ROUTE_SETUPS[file]![method]!(db);
      const before = await snapshot([ws.workspaceId]);
      const response = await callRoute(file, method, ws.workspaceId, other.actors.owner.token, {
        body,
        query,
        params,
      });
      expect(response.status).toBe(404);
      expect(JSON.stringify(await response.json())).not.toContain(ws.workspaceId);
      expect(await snapshot([ws.workspaceId])).toEqual(before);
    });

    it("an id that does not exist or is not an id: 404", async () => {
      expect((await callRoute(file, method, unknownWorkspaceId(), ws.actors.owner.token)).status).toBe(404);
      expect((await callRoute(file, method, "not-a-uuid'; DROP TABLE users;--", ws.actors.owner.token)).status).toBe(
        404,
      );
    });
  }
});

const keyRouteCases = routeCases.filter(
  (c): c is typeof c & { access: Extract<Access, { access: "workspace" }> } => c.access.access === "workspace",
);

describe.each(keyRouteCases)("$method $file with an API key", ({ file, method, access }) => {
  it.each(KEY_SCOPES)(
    "a key with only %s: allowed exactly when the scope grants the permission, else 403 and no change",
    async (scope: KeyScope) => {
      const { ws, body, query, params } = await ROUTE_SETUPS[file]![method]!(db);
      const key = await createTestApiKey(db, ws.workspaceId, { scopes: [scope], creatorRole: "owner" });
      const before = await snapshot([ws.workspaceId]);
      const response = await callRoute(file, method, ws.workspaceId, null, { body, query, params, bearer: key.secret });
      if (keyCan([scope], "owner", access.permission)) {
        await expectAllowed(response, access);
      } else {
        const json = await response.json();
        expect(response.status, JSON.stringify(json)).toBe(403);
        expect(json.error.code).toBe("forbidden");
        expect(await snapshot([ws.workspaceId])).toEqual(before);
      }
    },
  );

  it("a key with every scope, made by an admin: never more than an admin may do", async () => {
    const { ws, body, query, params } = await ROUTE_SETUPS[file]![method]!(db);
    const key = await createTestApiKey(db, ws.workspaceId, { scopes: KEY_SCOPES, creatorRole: "admin" });
    const before = await snapshot([ws.workspaceId]);
    const response = await callRoute(file, method, ws.workspaceId, null, { body, query, params, bearer: key.secret });
    if (keyCan(KEY_SCOPES, "admin", access.permission)) {
      await expectAllowed(response, access);
    } else {
      expect(response.status).toBe(403);
      expect(await snapshot([ws.workspaceId])).toEqual(before);
    }
  });

  it("a key of another workspace, with every scope: 404, nothing revealed, no change", async () => {
    const { ws, body, query, params } = await ROUTE_SETUPS[file]![method]!(db);
    const foreign = await createTestApiKey(db, other.workspaceId, { scopes: KEY_SCOPES });
    const before = await snapshot([ws.workspaceId]);
    const response = await callRoute(file, method, ws.workspaceId, null, {
      body,
      query,
      params,
      bearer: foreign.secret,
    });
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).not.toContain(ws.workspaceId);
    expect(await snapshot([ws.workspaceId])).toEqual(before);
  });

  it("a revoked, an expired, a mistyped and a made-up key: 401, no change", async () => {
    const { ws, body, query, params } = await ROUTE_SETUPS[file]![method]!(db);
    const revoked = await createTestApiKey(db, ws.workspaceId, { scopes: KEY_SCOPES, revokedAt: new Date() });
    const expired = await createTestApiKey(db, ws.workspaceId, {
      scopes: KEY_SCOPES,
      expiresAt: new Date(Date.now() - 1000),
    });
    const live = await createTestApiKey(db, ws.workspaceId, { scopes: KEY_SCOPES });
    const mistyped = live.secret.slice(0, -1) + (live.secret.endsWith("a") ? "b" : "a");
    const before = await snapshot([ws.workspaceId]);
    for (const bearer of [revoked.secret, expired.secret, mistyped, "obs_live_nope", "Basic abc"]) {
      const response = await callRoute(file, method, ws.workspaceId, null, { body, query, params, bearer });
      expect(response.status, bearer.slice(0, 20)).toBe(401);
    }
    expect(await snapshot([ws.workspaceId])).toEqual(before);
  });
});

describe("API keys outside workspace routes", () => {
  it("GET and POST /api/workspaces do not take keys: 401 (keys belong to one workspace)", async () => {
    const key = await createTestApiKey(db, ws.workspaceId, { scopes: KEY_SCOPES });
    const routeModule = await import(path.join(ROOT, "app/api/workspaces/route.ts"));
    const get = await routeModule.GET(bearerRequest("/api/workspaces", key.secret), { params: Promise.resolve({}) });
    expect(get.status).toBe(401);
    const post = await routeModule.POST(
      bearerRequest("/api/workspaces", key.secret, {
        method: "POST",
        body: JSON.stringify({ name: "By a key" }),
        headers: { "content-type": "application/json" },
      }),
      { params: Promise.resolve({}) },
    );
    expect(post.status).toBe(401);
  });
});

describe("user routes", () => {
  it("GET /api/workspaces lists only the caller's workspaces", async () => {
    const { GET } = await import(path.join(ROOT, "app/api/workspaces/route.ts"));
    const response = await GET(httpRequest("/api/workspaces", ws.actors.viewer.token), { params: Promise.resolve({}) });
    const body = await response.json();
    expect(body.data.map((w: { id: string }) => w.id)).toEqual([ws.workspaceId]);
  });

  it("POST /api/workspaces: 400 for bad input, 200 otherwise", async () => {
    const { POST } = await import(path.join(ROOT, "app/api/workspaces/route.ts"));
    const post = (token: string | null, body: string) =>
      POST(
        httpRequest("/api/workspaces", token, {
          method: "POST",
          body,
          headers: { "content-type": "application/json" },
        }),
        { params: Promise.resolve({}) },
      );
    const unknownField = await post(ws.actors.member.token, JSON.stringify({ name: "Fine", role: "owner" }));
    expect(unknownField.status).toBe(400);
    expect((await post(ws.actors.member.token, "{not json")).status).toBe(400);
    const created = await post(ws.actors.member.token, JSON.stringify({ name: "Member's own" }));
    expect(created.status).toBe(200);
  });
});

describe("server actions", () => {
  const byName = Object.fromEntries(ACTIONS.map((a) => [a.name, a]));

  it.each(Object.keys(ACTION_ACCESS))("%s: 401 without a session, and changes nothing", async (name) => {
    const { input, workspaces } = await ACTION_SETUPS[name]!(db, "owner");
    const before = await snapshot(workspaces);
    const result = await byName[name]!.run(requestAs(null), input);
    expect(result).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await snapshot(workspaces)).toEqual(before);
  });

  it.each(Object.keys(ACTION_ACCESS).flatMap((name) => ROLES.map((role) => ({ name, role }))))(
    "$name as $role: succeeds with a valid input exactly when the table says so, else forbidden and no change",
    async ({ name, role }) => {
      const expected = ACTION_ACCESS[name]!;
      const { ws, input, workspaces } = await ACTION_SETUPS[name]!(db, role);
      const before = await snapshot(workspaces);
      const result = await byName[name]!.run(requestAs(ws.actors[role].token), input);
      if (expected.access === "user" || can(role, expected.permission)) {
        // Not "anything but forbidden": a 400 or a masked 500 here is a broken action, not an allowed one.
        expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
      } else {
        expect(result, JSON.stringify(result)).toMatchObject({ ok: false, code: "forbidden" });
        expect(await snapshot(workspaces)).toEqual(before);
      }
    },
  );

  it.each(
    Object.entries(ACTION_ACCESS)
      .filter(([, e]) => e.access === "workspace")
      .map(([name]) => name),
  )("%s on another workspace's ids, even as its owner elsewhere: 404, nothing changes", async (name) => {
    const { input, workspaces } = await ACTION_SETUPS[name]!(db, "owner");
    const before = await snapshot(workspaces);
    const result = await byName[name]!.run(requestAs(other.actors.owner.token), input);
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshot(workspaces)).toEqual(before);
  });
});
