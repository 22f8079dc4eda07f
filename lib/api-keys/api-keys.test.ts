// API keys end to end through the real route handlers and actions (docs/decisions/008-api-keys-and-scopes.md):
// the one-time secret, hashed storage, the key principal at the chokepoint, limits and exact counters.
import { afterAll, describe, expect, it, vi } from "vitest";
import { withWorkspace } from "../access/with-workspace";
import { readWorkspace } from "../access/read-workspace";
import type { Db } from "../db/prisma";
import { rateLimiter } from "../rate-limit/rate-limiter";
import { env } from "../env";
import { createTestApiKey } from "../testing/api-key-fixtures";
import { callApi } from "../testing/call-route";
import { createRoleWorkspace, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";
import { createApiKeyAction, revokeApiKeyAction } from "./api-key-action-definitions";
import { generateApiKey, hashApiKey } from "./key-format";

vi.mock("server-only", () => ({}));

const db = testPrisma();
afterAll(() => db.$disconnect());

const KEYS = "api/workspaces/[workspaceId]/api-keys";
const TEAM = "api/workspaces/[workspaceId]/team";

async function createKey(ws: RoleWorkspace, body: Record<string, unknown>, token = ws.actors.owner.token) {
  return callApi({ method: "POST", route: KEYS, params: { workspaceId: ws.workspaceId }, token, body });
}

const listTeam = (ws: RoleWorkspace, bearer: string) =>
  callApi({ method: "GET", route: TEAM, params: { workspaceId: ws.workspaceId }, bearer });

describe("the key lifecycle", () => {
  it("shows the secret once, stores only its hash, lists the prefix, and a revoked key is refused at once", async () => {
    const ws = await createRoleWorkspace(db, "key-life");
    const created = await createKey(ws, { name: "CI deploys", scopes: ["read"] }, ws.actors.admin.token);
    expect(created.status).toBe(200);
    const { key, secret } = created.json.data;
    expect(secret).toMatch(/^obs_live_[0-9A-Za-z]{49}$/);
    expect(key).toMatchObject({ name: "CI deploys", prefix: secret.slice(0, 13), scopes: ["read"], status: "active" });
    expect(key.createdBy).toEqual({ name: expect.any(String), email: ws.actors.admin.email });

    // Stored: the hash, never the key.
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.keyHash).toBe(hashApiKey(secret));
    const everything = JSON.stringify(
      await db.$queryRaw`SELECT (SELECT json_agg(k) FROM api_keys k WHERE k.workspace_id = ${ws.workspaceId}::uuid) AS keys,
        (SELECT json_agg(a) FROM audit_log a WHERE a.workspace_id = ${ws.workspaceId}::uuid) AS audit,
        (SELECT json_agg(i) FROM idempotency_keys i WHERE i.workspace_id = ${ws.workspaceId}::uuid) AS idem`,
    );
    expect(everything).not.toContain(secret.slice(9));

    // Listed without the secret or its hash.
    const list = await callApi({ method: "GET", route: KEYS, params: { workspaceId: ws.workspaceId }, bearer: secret });
    expect(list.status).toBe(200);
    expect(list.json.data.keys.map((k: { id: string }) => k.id)).toEqual([key.id]);
    expect(JSON.stringify(list.json)).not.toContain(secret.slice(9));
    expect(JSON.stringify(list.json)).not.toContain(row.keyHash);

    expect((await listTeam(ws, secret)).status).toBe(200);
    const revoked = await callApi({
      method: "DELETE",
      route: `${KEYS}/[keyId]`,
      params: { workspaceId: ws.workspaceId, keyId: key.id },
      token: ws.actors.owner.token,
    });
    expect(revoked.status).toBe(200);
    const after = await listTeam(ws, secret);
    expect(after.status).toBe(401);
    expect(after.json.error).toMatchObject({
      code: "unauthorized",
      message: expect.stringMatching(/API key is not valid, or was revoked or has expired/),
      requestId: expect.any(String),
    });
  });

  it("tells a script without credentials how to authenticate", async () => {
    const ws = await createRoleWorkspace(db, "key-none");
    const answer = await callApi({
      method: "POST",
      route: "api/workspaces/[workspaceId]/usage",
      params: { workspaceId: ws.workspaceId },
      body: { traces: 1, idempotencyKey: "x" },
    });
    expect(answer.status).toBe(401);
    expect(answer.json.error.message).toBe("Sign in, or send an API key as Authorization: Bearer obs_live_….");
  });

  it("refuses an expired key", async () => {
    const ws = await createRoleWorkspace(db, "key-expired");
    const key = await createTestApiKey(db, ws.workspaceId, {
      scopes: ["read"],
      expiresAt: new Date(Date.now() + 1500),
    });
    expect((await listTeam(ws, key.secret)).status).toBe(200);
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await listTeam(ws, key.secret)).status).toBe(401);
  });

  it("a key of workspace A on workspace B's path: 404, and nothing changes in B", async () => {
    const a = await createRoleWorkspace(db, "key-a");
    const b = await createRoleWorkspace(db, "key-b");
    const key = await createTestApiKey(db, a.workspaceId, { scopes: ["read", "team:write"] });
    const before = await db.teamMember.findMany({ where: { workspaceId: b.workspaceId }, orderBy: { id: "asc" } });
    expect((await listTeam(b, key.secret)).status).toBe(404);
    const invite = await callApi({
      method: "POST",
      route: TEAM,
      params: { workspaceId: b.workspaceId },
      bearer: key.secret,
      body: { emails: ["intruder@test.example"], role: "viewer" },
    });
    expect(invite.status).toBe(404);
    expect(await db.teamMember.findMany({ where: { workspaceId: b.workspaceId }, orderBy: { id: "asc" } })).toEqual(
      before,
    );
  });

  it("a read key cannot write, and no key reaches billing changes or key management", async () => {
    const ws = await createRoleWorkspace(db, "key-read");
    const reader = await createTestApiKey(db, ws.workspaceId, { scopes: ["read"] });
    const everything = await createTestApiKey(db, ws.workspaceId, {
      scopes: ["read", "team:write", "integrations:write", "usage:write", "events:write"],
    });
    const invite = await callApi({
      method: "POST",
      route: TEAM,
      params: { workspaceId: ws.workspaceId },
      bearer: reader.secret,
      body: { emails: ["x@test.example"], role: "viewer" },
    });
    expect(invite.status).toBe(403);
    expect(invite.json.error.message).toBe("This API key does not have the “team:write” scope this needs.");
    for (const bearer of [reader.secret, everything.secret]) {
      const billing = await callApi({
        method: "PATCH",
        route: "api/workspaces/[workspaceId]/billing",
        params: { workspaceId: ws.workspaceId },
        bearer,
        body: { plan: "enterprise" },
      });
      expect(billing.status).toBe(403);
      expect(billing.json.error.message).toMatch(/^API keys cannot do this/);
      const mint = await callApi({
        method: "POST",
        route: KEYS,
        params: { workspaceId: ws.workspaceId },
        bearer,
        body: { name: "child", scopes: ["read"] },
      });
      expect(mint.status).toBe(403);
    }
    expect(await db.apiKey.count({ where: { workspaceId: ws.workspaceId } })).toBe(2);
  });

  it("refuses a malformed or wrong-checksum key without a database query", async () => {
    const ws = await createRoleWorkspace(db, "key-shape");
    const { secret } = generateApiKey();
    const typo = secret.slice(0, 20) + (secret[20] === "x" ? "y" : "x") + secret.slice(21);
    const untouchable = new Proxy({} as Db, {
      get: () => {
        throw new Error("the database was used");
      },
    });
    const noPool = { connect: () => Promise.reject(new Error("the database was used")) } as never;
    for (const bearer of [typo, "obs_live_short", "", `obs_live_${"A".repeat(49)}`]) {
      const request = { ...requestAs(null), bearer };
      await expect(
        withWorkspace(request, ws.workspaceId, "workspace:read", async () => 1, untouchable),
      ).rejects.toMatchObject({
        code: "unauthorized",
      });
      await expect(
        readWorkspace(request, ws.workspaceId, "workspace:read", () => ({ sql: null as never, map: () => 1 }), {
          db: untouchable,
          pool: noPool,
        }),
      ).rejects.toMatchObject({ code: "unauthorized" });
    }
  });

  it("writes last_used_at at most once a minute", async () => {
    const ws = await createRoleWorkspace(db, "key-used");
    const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["read"] });
    await listTeam(ws, key.secret);
    const first = (await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
    expect(first).not.toBeNull();
    await listTeam(ws, key.secret);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toEqual(first);
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: twoMinutesAgo } });
    await listTeam(ws, key.secret);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt!.getTime()).toBeGreaterThan(
      twoMinutesAgo.getTime() + 60_000,
    );
  });

  it("records the key (name and prefix) as the actor of what it does, within its creator's role", async () => {
    const ws = await createRoleWorkspace(db, "key-audit");
    const key = await createTestApiKey(db, ws.workspaceId, {
      scopes: ["team:write"],
      creatorRole: "admin",
      name: "Provisioning",
    });
    const invite = await callApi({
      method: "POST",
      route: TEAM,
      params: { workspaceId: ws.workspaceId },
      bearer: key.secret,
      body: { emails: ["via-key@test.example"], role: "member" },
    });
    expect(invite.status, JSON.stringify(invite.json)).toBe(200);
    const entry = await db.auditLog.findFirstOrThrow({
      where: { workspaceId: ws.workspaceId, action: "invitation.sent" },
    });
    expect(entry).toMatchObject({
      actorUserId: null,
      actorApiKeyId: key.id,
      actorApiKey: `API key "Provisioning" (${key.prefix}…)`,
    });
    // Made by an admin: it cannot act on the owner, nor grant owner.
    const onOwner = await callApi({
      method: "DELETE",
      route: TEAM,
      params: { workspaceId: ws.workspaceId },
      bearer: key.secret,
      body: { memberId: ws.actors.owner.memberId },
    });
    expect(onOwner.status).toBe(403);
    const grantOwner = await callApi({
      method: "POST",
      route: TEAM,
      params: { workspaceId: ws.workspaceId },
      bearer: key.secret,
      body: { emails: ["boss@test.example"], role: "owner" },
    });
    expect(grantOwner.status).toBe(403);
  });

  it("limits requests per key: 429 with Retry-After and RateLimit-* headers", async () => {
    const ws = await createRoleWorkspace(db, "key-rate");
    const key = await createTestApiKey(db, ws.workspaceId, { scopes: ["read"] });
    const ok = await listTeam(ws, key.secret);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("RateLimit-Limit")).toBe(String(env.API_KEY_REQUESTS_PER_MINUTE));
    expect(Number(ok.headers.get("RateLimit-Remaining"))).toBe(env.API_KEY_REQUESTS_PER_MINUTE - 1);
    // Spend the rest of this minute's budget, as a flood of requests would.
    await rateLimiter("api_key", env.API_KEY_REQUESTS_PER_MINUTE, 60).penalty(
      hashApiKey(key.secret),
      env.API_KEY_REQUESTS_PER_MINUTE,
    );
    const refused = await listTeam(ws, key.secret);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(refused.headers.get("RateLimit-Remaining")).toBe("0");
    expect(refused.headers.get("RateLimit-Limit")).toBe(String(env.API_KEY_REQUESTS_PER_MINUTE));
    // Another key of the same workspace is not affected.
    const other = await createTestApiKey(db, ws.workspaceId, { scopes: ["read"] });
    expect((await listTeam(ws, other.secret)).status).toBe(200);
  });
});

describe("the plan's API-key limit and billing_config.api_keys_current", () => {
  const live = (workspaceId: string) => db.apiKey.count({ where: { workspaceId, revokedAt: null } });
  const current = async (workspaceId: string) =>
    (await db.billingConfig.findUniqueOrThrow({ where: { workspaceId } })).apiKeysCurrent;

  it("refuses past the limit with a message naming the plan and its limit", async () => {
    const ws = await createRoleWorkspace(db, "key-limit");
    for (const name of ["one", "two"]) expect((await createKey(ws, { name, scopes: ["read"] })).status).toBe(200);
    const third = await createKey(ws, { name: "three", scopes: ["read"] });
    expect(third.status).toBe(409);
    expect(third.json.error.message).toMatch(/Free plan allows 2 API keys/);
    expect(await current(ws.workspaceId)).toBe(2);
  });

  it("stays exact, and the limit holds, under 20 concurrent creates and then 20 concurrent revokes", async () => {
    const ws = await createRoleWorkspace(db, "key-race");
    await db.billingConfig.update({
      where: { workspaceId: ws.workspaceId },
      data: { planType: "starter", apiKeysLimit: 5 },
    });
    const creates = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createApiKeyAction.run(requestAs(i % 2 ? ws.actors.owner.token : ws.actors.admin.token), {
          workspaceId: ws.workspaceId,
          name: `race ${i}`,
          scopes: ["read"],
        }),
      ),
    );
    const made = creates.filter((r) => r.ok);
    expect(made).toHaveLength(5);
    for (const refused of creates.filter((r) => !r.ok))
      expect(refused).toMatchObject({
        ok: false,
        code: "conflict",
        message: expect.stringMatching(/Starter plan allows 5/),
      });
    expect(await live(ws.workspaceId)).toBe(5);
    expect(await current(ws.workspaceId)).toBe(5);

    const ids = made.map((r) => (r.ok ? (r.data as { key: { id: string } }).key.id : ""));
    const revokes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        revokeApiKeyAction.run(requestAs(ws.actors.owner.token), { workspaceId: ws.workspaceId, keyId: ids[i % 5] }),
      ),
    );
    expect(revokes.filter((r) => r.ok)).toHaveLength(5);
    expect(await live(ws.workspaceId)).toBe(0);
    expect(await current(ws.workspaceId)).toBe(0);
  });

  it("stays exact when creates and revokes race each other", async () => {
    const ws = await createRoleWorkspace(db, "key-mixed");
    await db.billingConfig.update({
      where: { workspaceId: ws.workspaceId },
      data: { planType: "professional", apiKeysLimit: 20 },
    });
    const existing = await Promise.all(
      Array.from({ length: 10 }, () => createTestApiKey(db, ws.workspaceId, { scopes: ["read"] })),
    );
    await db.billingConfig.update({ where: { workspaceId: ws.workspaceId }, data: { apiKeysCurrent: 10 } });
    await Promise.all([
      ...existing.map((key) =>
        revokeApiKeyAction.run(requestAs(ws.actors.admin.token), { workspaceId: ws.workspaceId, keyId: key.id }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        createApiKeyAction.run(requestAs(ws.actors.owner.token), {
          workspaceId: ws.workspaceId,
          name: `mixed ${i}`,
          scopes: ["read"],
        }),
      ),
    ]);
    expect(await live(ws.workspaceId)).toBe(10);
    expect(await current(ws.workspaceId)).toBe(10);
  });

  it("members and viewers can neither create nor list keys; a crafted action call is refused", async () => {
    const ws = await createRoleWorkspace(db, "key-roles");
    for (const role of ["member", "viewer"] as const) {
      const result = await createApiKeyAction.run(requestAs(ws.actors[role].token), {
        workspaceId: ws.workspaceId,
        name: "sneaky",
        scopes: ["read"],
      });
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
      const list = await callApi({
        method: "GET",
        route: KEYS,
        params: { workspaceId: ws.workspaceId },
        token: ws.actors[role].token,
      });
      expect(list.status).toBe(403);
    }
    expect(await live(ws.workspaceId)).toBe(0);
  });

  it("an expiry must be in the future; the name and scopes are checked", async () => {
    const ws = await createRoleWorkspace(db, "key-input");
    const past = await createKey(ws, { name: "old", scopes: ["read"], expiresAt: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    expect(past.json.error.fieldErrors.expiresAt).toEqual(["The expiry must be in the future"]);
    const noScopes = await createKey(ws, { name: "none", scopes: [] });
    expect(noScopes.json.error.fieldErrors.scopes).toEqual(["Choose at least one scope"]);
    const bad = await createKey(ws, { name: "bad", scopes: ["admin"] });
    expect(bad.status).toBe(400);
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const ok = await createKey(ws, { name: "  week  ", scopes: ["events:write", "read"], expiresAt: future });
    expect(ok.json.data.key).toMatchObject({ name: "week", scopes: ["read", "events:write"], expiresAt: future });
  });
});
