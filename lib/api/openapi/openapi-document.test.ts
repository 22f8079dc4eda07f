// The OpenAPI document (lib/api/openapi/): a valid OpenAPI 3.1 document that lists exactly the route
// files' methods — a route added without documentation fails here — with each operation's access,
// examples and error envelope as promised. lib/api/openapi/openapi-responses.test.ts checks real answers.
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it, vi } from "vitest";
import { HTTP_METHODS, ROOT, routeFiles } from "../../testing/app-files";
import { buildOpenApiDocument } from "./build-document";
import { OPERATIONS, splitOperationKey } from "./operations";
import { operationPathOf, routeFileOf } from "./route-paths";

// Route modules import 'use server'-adjacent code marked server-only; here we are the server.
vi.mock("server-only", () => ({}));

/** Auth.js's own endpoints (sign-in, callbacks, CSRF): not part of the public API, so not documented. */
const AUTH_JS_ROUTE = "app/api/auth/[...nextauth]/route.ts";
/** Operations endpoints (docs/operations.md, docs/metrics.md): not the public API. */
const UNDOCUMENTED = [AUTH_JS_ROUTE, "app/api/metrics/route.ts", "app/api/ready/route.ts"];

const document = buildOpenApiDocument();
type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  [extension: `x-${string}`]: unknown;
};
const operationIn = (key: string): Operation | undefined => {
  const { method, path: route } = splitOperationKey(key);
  return (document.paths?.[route] as Record<string, Operation> | undefined)?.[method.toLowerCase()];
};

/** `METHOD /path` of every method exported by every route file but Auth.js's. */
async function routeOperations(): Promise<string[]> {
  const found: string[] = [];
  for (const file of routeFiles()) {
    if (UNDOCUMENTED.includes(file)) continue;
    const routeModule = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const method of Object.keys(routeModule).filter((name) => (HTTP_METHODS as readonly string[]).includes(name)))
      found.push(`${method} ${operationPathOf(file)}`);
  }
  return found.sort();
}

describe("the document", () => {
  it("is a valid OpenAPI 3.1 document, every $ref resolving", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result).toEqual({ valid: true });
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("is JSON as it is served (no functions, no undefined)", () => {
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });
});

describe("completeness", () => {
  it("skips exactly Auth.js's route file, which exists and is not documented", () => {
    expect(routeFiles()).toContain(AUTH_JS_ROUTE);
    expect(Object.keys(document.paths ?? {}).filter((route) => route.startsWith("/api/auth"))).toEqual([]);
  });

  it("documents every route file's every method, and nothing else", async () => {
    const routes = await routeOperations();
    // Discovery that finds nothing proves nothing.
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(OPERATIONS).sort()).toEqual(routes);
    const inDocument = Object.entries(document.paths ?? {})
      .flatMap(([route, item]) =>
        Object.keys(item as object)
          .filter((name) => (HTTP_METHODS as readonly string[]).includes(name.toUpperCase()))
          .map((method) => `${method.toUpperCase()} ${route}`),
      )
      .sort();
    expect(inDocument).toEqual(routes);
  });

  it("the path conversion round-trips for every route file", () => {
    for (const file of routeFiles().filter((f) => !UNDOCUMENTED.includes(f)))
      expect(routeFileOf(operationPathOf(file))).toBe(file);
    expect(operationPathOf("app/api/workspaces/[workspaceId]/api-keys/[keyId]/route.ts")).toBe(
      "/api/workspaces/{workspaceId}/api-keys/{keyId}",
    );
  });

  it.each(Object.keys(OPERATIONS))("%s: the access it documents is the route's permission", async (key) => {
    const { method, path: route } = splitOperationKey(key);
    const handler = ((await import(path.join(ROOT, routeFileOf(route)))) as Record<string, { permission?: unknown }>)[
      method
    ]!;
    const access = OPERATIONS[key]!.access;
    if (access.kind === "workspace") expect(handler.permission).toBe(access.permission);
    else expect(handler.permission ?? null).toBeNull();
    if (access.kind === "public") expect(handler).not.toHaveProperty("permission");
  });
});

describe("each operation", () => {
  it.each(Object.keys(OPERATIONS))("%s: declares every path parameter of its path", (key) => {
    const names = [...splitOperationKey(key).path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    const declared = (operationIn(key)?.parameters ?? []).filter((p) => p.in === "path");
    expect(declared.map((p) => p.name).sort()).toEqual(names.sort());
    expect(declared.every((p) => p.required)).toBe(true);
  });

  it.each(Object.keys(OPERATIONS).filter((key) => OPERATIONS[key]!.body))(
    "%s: its example body passes the route's own schema",
    (key) => {
      const body = OPERATIONS[key]!.body!;
      const parsed = body.schema.safeParse(body.example);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(operationIn(key)?.requestBody?.content["application/json"]?.example).toEqual(body.example);
    },
  );

  it("every POST and PATCH has an example body, unless it says it reads none", () => {
    for (const [key, spec] of Object.entries(OPERATIONS)) {
      const { method } = splitOperationKey(key);
      if (method !== "POST" && method !== "PATCH") continue;
      if (spec.description.includes("No body.")) expect(spec.body, key).toBeUndefined();
      else expect(spec.body?.example, key).toBeDefined();
    }
  });

  it("every POST that does something takes an Idempotency-Key header", () => {
    // Stripe's webhook is idempotent by the event's own id (its inbox), not by a caller's key.
    const posts = Object.keys(OPERATIONS).filter(
      (key) => key.startsWith("POST ") && !OPERATIONS[key]!.errors[501] && key !== "POST /api/webhooks/stripe",
    );
    expect(posts.length).toBeGreaterThanOrEqual(5);
    for (const key of posts) {
      const header = operationIn(key)?.parameters?.find((p) => p.in === "header" && p.name === "Idempotency-Key");
      expect(header, key).toMatchObject({ in: "header", name: "Idempotency-Key" });
      expect(header?.required ?? false, key).toBe(false);
    }
  });

  it("only PATCH /team takes If-Match", () => {
    const withIfMatch = Object.keys(OPERATIONS).filter((key) =>
      operationIn(key)?.parameters?.some((p) => p.in === "header" && p.name === "If-Match"),
    );
    expect(withIfMatch).toEqual(["PATCH /api/workspaces/{workspaceId}/team"]);
  });

  it("every error response is the one shared error schema", () => {
    for (const key of Object.keys(OPERATIONS)) {
      for (const [status, response] of Object.entries(operationIn(key)!.responses)) {
        if (Number(status) < 400 || status === "503") continue;
        expect(response.content?.["application/json"]?.schema, `${key} ${status}`).toEqual({
          $ref: "#/components/schemas/Error",
        });
      }
    }
  });

  it("no operation answers 501 any more: every write has landed", () => {
    expect(Object.keys(OPERATIONS).filter((key) => OPERATIONS[key]!.errors[501])).toEqual([]);
  });
});

describe("security", () => {
  const expected: Record<string, { schemes: string[]; scope: string | null }> = {
    "GET /api/workspaces/{workspaceId}/team": { schemes: ["sessionCookie", "apiKey"], scope: "read" },
    "POST /api/workspaces/{workspaceId}/team": { schemes: ["sessionCookie", "apiKey"], scope: "team:write" },
    "PATCH /api/workspaces/{workspaceId}/team": { schemes: ["sessionCookie", "apiKey"], scope: "team:write" },
    "DELETE /api/workspaces/{workspaceId}/team": { schemes: ["sessionCookie", "apiKey"], scope: "team:write" },
    "GET /api/workspaces/{workspaceId}/billing": { schemes: ["sessionCookie", "apiKey"], scope: "read" },
    "PATCH /api/workspaces/{workspaceId}/billing": { schemes: ["sessionCookie"], scope: null },
    "GET /api/workspaces/{workspaceId}/integrations": { schemes: ["sessionCookie", "apiKey"], scope: "read" },
    "POST /api/workspaces/{workspaceId}/integrations": {
      schemes: ["sessionCookie", "apiKey"],
      scope: "integrations:write",
    },
    "PATCH /api/workspaces/{workspaceId}/integrations": {
      schemes: ["sessionCookie", "apiKey"],
      scope: "integrations:write",
    },
    "DELETE /api/workspaces/{workspaceId}/integrations": {
      schemes: ["sessionCookie", "apiKey"],
      scope: "integrations:write",
    },
    "GET /api/workspaces/{workspaceId}/integrations/{integrationId}/deliveries": {
      schemes: ["sessionCookie", "apiKey"],
      scope: "read",
    },
    "POST /api/workspaces/{workspaceId}/integrations/{integrationId}/deliveries/{deliveryId}/retry": {
      schemes: ["sessionCookie", "apiKey"],
      scope: "integrations:write",
    },
    "POST /api/workspaces/{workspaceId}/integrations/{integrationId}/replay": {
      schemes: ["sessionCookie", "apiKey"],
      scope: "integrations:write",
    },
    "GET /api/workspaces/{workspaceId}/audit-log": { schemes: ["sessionCookie", "apiKey"], scope: "read" },
    "GET /api/workspaces/{workspaceId}/api-keys": { schemes: ["sessionCookie", "apiKey"], scope: "read" },
    "POST /api/workspaces/{workspaceId}/api-keys": { schemes: ["sessionCookie"], scope: null },
    "DELETE /api/workspaces/{workspaceId}/api-keys/{keyId}": { schemes: ["sessionCookie"], scope: null },
    "POST /api/workspaces/{workspaceId}/usage": { schemes: ["apiKey"], scope: "usage:write" },
    "POST /api/workspaces/{workspaceId}/events": { schemes: ["apiKey"], scope: "events:write" },
  };

  it("defines the session cookie and the Bearer API key", () => {
    expect(document.components?.securitySchemes).toMatchObject({
      sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      apiKey: { type: "http", scheme: "bearer" },
    });
  });

  it.each(Object.entries(expected))("%s: %j", (key, { schemes, scope }) => {
    const operation = operationIn(key)!;
    expect(operation.security?.map((requirement) => Object.keys(requirement)[0])).toEqual(schemes);
    expect(operation["x-required-scope"]).toBe(scope);
    if (scope) expect(operation.security?.find((r) => r.apiKey)?.apiKey).toEqual([scope]);
    const description = (operation as { description?: string }).description ?? "";
    expect(description).toMatch(/\*\*Access:\*\*/);
    if (!scope) expect(description).toContain("API keys can never call this");
    if (schemes.join() === "apiKey") expect(description).toContain("no person's role has it");
  });

  it("every workspace operation is in the table above; the others need a session or nothing", () => {
    const workspaceOps = Object.keys(OPERATIONS).filter((key) => OPERATIONS[key]!.access.kind === "workspace");
    expect(workspaceOps.sort()).toEqual(Object.keys(expected).sort());
    expect(operationIn("GET /api/health")?.security).toEqual([]);
    expect(operationIn("GET /api/openapi.json")?.security).toEqual([]);
    expect(operationIn("GET /api/workspaces")?.security).toEqual([{ sessionCookie: [] }]);
    expect(operationIn("POST /api/workspaces")?.security).toEqual([{ sessionCookie: [] }]);
  });
});
