import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { withWorkspace } from "../access/with-workspace";
import { createRoleWorkspace, httpRequest, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";
import { createWorkspaceAction } from "../workspaces/workspace-action-definitions";
import { auditFiltersFrom, AUDIT_PAGE_SIZE } from "./audit-filters";
import { listAuditEntries } from "./list-audit-entries";
import { REDACTED, redactSecrets } from "./redact";
import { auditActorOf, writeAudit } from "./write-audit";

const db = testPrisma();
let ws: RoleWorkspace;

beforeAll(async () => {
  ws = await createRoleWorkspace(db, "audit");
});
afterAll(() => db.$disconnect());

const asOwner = <T>(work: Parameters<typeof withWorkspace<T>>[3]) =>
  withWorkspace(requestAs(ws.actors.owner.token), ws.workspaceId, "workspace:read", work, db);

describe("redactSecrets", () => {
  it("replaces secret-looking keys at any depth and keeps the rest", () => {
    const value = {
      name: "Alerts",
      credentials: { webhook_url: "https://hooks.slack.com/x" },
      config: {
        url: "https://ok.example",
        signing_secret: "whsec_1",
        nested: [{ api_key: "k", apiKey: "k2", keep: 1 }],
      },
      token: "t",
      invitationTokenHash: "abc",
    };
    expect(redactSecrets(value)).toEqual({
      name: "Alerts",
      credentials: REDACTED,
      config: {
        url: "https://ok.example",
        signing_secret: REDACTED,
        nested: [{ api_key: REDACTED, apiKey: REDACTED, keep: 1 }],
      },
      token: REDACTED,
      invitationTokenHash: REDACTED,
    });
  });

  it("bounds depth, array length and string size", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 20; i++) deep = { inner: deep };
    expect(JSON.stringify(redactSecrets(deep))).toContain("[truncated]");
    expect((redactSecrets(Array.from({ length: 500 }, (_, i) => i)) as unknown[]).length).toBe(100);
    expect((redactSecrets("x".repeat(5000)) as string).length).toBeLessThan(2100);
  });
});

describe("writeAudit", () => {
  it("writes in the caller's transaction: a rolled-back change leaves no entry", async () => {
    await expect(
      asOwner(async (ctx) => {
        await writeAudit(ctx.tx, auditActorOf(ctx), { action: "test.rolled_back", targetType: "test" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditLog.count({ where: { workspaceId: ws.workspaceId, action: "test.rolled_back" } })).toBe(0);
  });

  it("records who, what, target, redacted before/after, IP and user agent", async () => {
    await asOwner((ctx) =>
      writeAudit(ctx.tx, auditActorOf(ctx), {
        action: "integration.updated",
        targetType: "integration",
        targetId: "i-1",
        before: { name: "Old", credentials: { dsn: "https://secret@sentry" } },
        after: { name: "New", credentials: { dsn: "https://other-secret@sentry" } },
      }),
    );
    const entry = await db.auditLog.findFirstOrThrow({
      where: { workspaceId: ws.workspaceId, action: "integration.updated" },
    });
    expect(entry).toMatchObject({
      actorUserId: ws.actors.owner.userId,
      actorEmail: ws.actors.owner.email,
      targetType: "integration",
      targetId: "i-1",
      ipAddress: "203.0.113.7",
      userAgent: "vitest",
      before: { name: "Old", credentials: REDACTED },
      after: { name: "New", credentials: REDACTED },
    });
    expect(JSON.stringify(entry)).not.toContain("secret@sentry");
  });

  it("creating a workspace writes workspace.created with the request's IP and user agent", async () => {
    const result = await createWorkspaceAction.run(requestAs(ws.actors.member.token), { name: "Audited workspace" });
    if (!result.ok) throw new Error(result.message);
    const entries = await db.auditLog.findMany({ where: { workspaceId: result.data.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "workspace.created",
      actorEmail: ws.actors.member.email,
      ipAddress: "203.0.113.7",
      userAgent: "vitest",
    });
    const owner = await db.teamMember.findFirstOrThrow({ where: { workspaceId: result.data.id } });
    expect(owner).toMatchObject({ userId: ws.actors.member.userId, role: "owner", status: "active" });
    expect(await db.billingConfig.findUnique({ where: { workspaceId: result.data.id } })).toMatchObject({
      planType: "free",
      teamMembersLimit: 3,
    });
  });
});

describe("listing the audit log", () => {
  let local: RoleWorkspace;
  beforeAll(async () => {
    local = await createRoleWorkspace(db, "audit-list");
    const base = Date.UTC(2026, 10, 1);
    await db.auditLog.createMany({
      data: Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({
        workspaceId: local.workspaceId,
        actorUserId: i % 2 ? local.actors.owner.userId : local.actors.admin.userId,
        actorEmail: i % 2 ? local.actors.owner.email : local.actors.admin.email,
        action: i % 3 ? "member.role_changed" : "integration.created",
        targetType: "test",
        createdAt: new Date(base + i * 86_400_000),
      })),
    });
  });

  const list = (query: string) =>
    withWorkspace(
      requestAs(local.actors.admin.token),
      local.workspaceId,
      "audit:read",
      (ctx) => {
        const filters = auditFiltersFrom(new URLSearchParams(query));
        if (!filters.success) throw new Error("bad filters");
        return listAuditEntries(ctx.tx, ctx.workspaceId, filters.data);
      },
      db,
    );

  it("pages newest first", async () => {
    const first = await list("");
    expect(first.total).toBe(AUDIT_PAGE_SIZE + 5);
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.pageCount).toBe(2);
    const times = first.entries.map((e) => e.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((await list("page=2")).entries).toHaveLength(5);
  });

  /** The seeded entries matching `keep`, as the listing returns them: newest first. */
  const seeded = (keep: (i: number) => boolean) =>
    Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => i)
      .filter(keep)
      .reverse()
      .map((i) => ({
        actorEmail: i % 2 ? local.actors.owner.email : local.actors.admin.email,
        action: i % 3 ? "member.role_changed" : "integration.created",
        createdAt: new Date(Date.UTC(2026, 10, 1) + i * 86_400_000).toISOString(),
      }));
  const shape = (entries: { actorEmail: string | null; action: string; createdAt: string }[]) =>
    entries.map(({ actorEmail, action, createdAt }) => ({ actorEmail, action, createdAt }));

  it("filters by actor, action and date range", async () => {
    // Exact lists, not every() over a possibly empty one: a filter that matched nothing must fail here.
    const byActor = await list(`actor=${encodeURIComponent(local.actors.owner.email.toUpperCase())}`);
    const ownerEntries = seeded((i) => i % 2 === 1);
    expect(ownerEntries).toHaveLength(15);
    expect(byActor.total).toBe(15);
    expect(shape(byActor.entries)).toEqual(ownerEntries);
    const byAction = await list("action=integration.created");
    expect(byAction.total).toBe(Math.ceil((AUDIT_PAGE_SIZE + 5) / 3));
    expect(shape(byAction.entries)).toEqual(seeded((i) => i % 3 === 0));
    const byDate = await list("from=2026-11-03&to=2026-11-04");
    expect(byDate.entries.map((e) => e.createdAt.slice(0, 10)).sort()).toEqual(["2026-11-03", "2026-11-04"]);
  });

  it("the REST route answers 400 for bad filters and never shows another workspace's entries", async () => {
    const { GET } = await import(
      path.resolve(import.meta.dirname, "../../app/api/workspaces/[workspaceId]/audit-log/route.ts")
    );
    const call = (query: string) =>
      GET(httpRequest(`/api/workspaces/${local.workspaceId}/audit-log${query}`, local.actors.owner.token), {
        params: Promise.resolve({ workspaceId: local.workspaceId }),
      });
    expect((await call("?from=yesterday")).status).toBe(400);
    expect((await call("?page=0")).status).toBe(400);
    expect((await call("?sort=asc")).status).toBe(400);
    const ok = await call("?action=member");
    expect(ok.status).toBe(200);
    const body = await ok.json();
    const memberEntries = seeded((i) => i % 3 !== 0);
    expect(body.data.total).toBe(memberEntries.length);
    expect(shape(body.data.entries)).toEqual(memberEntries.slice(0, AUDIT_PAGE_SIZE));
  });
});
