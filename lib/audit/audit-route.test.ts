// GET /api/workspaces/{id}/audit-log on real PostgreSQL: readable entries, the CSV export, and bad input (400, never 500).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { changeRoleAction, deactivateMemberAction, inviteMembersAction } from "../team/team-action-definitions";
import { createRoleWorkspace, httpRequest, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { createTestUser, testPrisma } from "../testing/test-db";
import { AUDIT_CSV_HEADER } from "./export-audit-csv";

const db = testPrisma();
afterAll(() => db.$disconnect());

type Route = ((request: Request, context: { params: Promise<{ workspaceId: string }> }) => Promise<Response>) & {
  permission: string;
};
let GET: Route;
let ws: RoleWorkspace;
let workspaceSlug: string;
/** Someone with an account and a name, invited but not joined: the log shows only their address. */
let invitee: { id: string; email: string };

const SECRET_NAME = "Secret Account Name";

async function ok<T>(result: Promise<{ ok: true; data: T } | { ok: false; code: string; message: string }>) {
  const settled = await result;
  if (!settled.ok) throw new Error(`${settled.code}: ${settled.message}`);
  return settled.data;
}

beforeAll(async () => {
  ({ GET } = await import(
    path.resolve(import.meta.dirname, "../../app/api/workspaces/[workspaceId]/audit-log/route.ts")
  ));
  ws = await createRoleWorkspace(db, "audit-route");
  workspaceSlug = (await db.workspace.findUniqueOrThrow({ where: { id: ws.workspaceId } })).slug;
  const names = { owner: "Olivia Owner", admin: "Adam Admin", member: "Mia Member", viewer: "Vic Viewer" } as const;
  for (const [role, name] of Object.entries(names)) {
    await db.user.update({ where: { id: ws.actors[role as keyof typeof names].userId }, data: { name } });
  }
  invitee = await createTestUser(db, "audit-invitee");
  await db.user.update({ where: { id: invitee.id }, data: { name: SECRET_NAME } });

  const { workspaceId, actors } = ws;
  await ok(
    changeRoleAction.run(requestAs(actors.admin.token), {
      workspaceId,
      memberId: actors.member.memberId,
      role: "viewer",
    }),
  );
  await ok(
    inviteMembersAction.run(requestAs(actors.owner.token), { workspaceId, emails: [invitee.email], role: "member" }),
  );
  await ok(
    deactivateMemberAction.run(requestAs(actors.admin.token), { workspaceId, memberId: actors.viewer.memberId }),
  );
});

const call = (query: string, token: string | null = ws.actors.owner.token, workspaceId = ws.workspaceId) =>
  GET(httpRequest(`/api/workspaces/${workspaceId}/audit-log${query}`, token), {
    params: Promise.resolve({ workspaceId }),
  });

/** RFC 4180, enough to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted) {
      if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += char;
    }
  }
  expect(cell, "the file ends with CRLF").toBe("");
  return rows;
}

describe("the audit log, readable", () => {
  it("lists each team change as a sentence with names; a pending invitee shows only their address", async () => {
    const response = await call("");
    expect(response.status).toBe(200);
    const text = await response.text();
    const { data } = JSON.parse(text);
    expect(data.total).toBe(3);
    expect(data.entries.map((e: { description: string }) => e.description)).toEqual([
      "Adam Admin deactivated Vic Viewer",
      `Olivia Owner invited ${invitee.email} as Member`,
      "Adam Admin changed Mia Member's role: Member → Viewer",
    ]);
    expect(data.entries[1]).toMatchObject({
      action: "invitation.sent",
      actorName: "Olivia Owner",
      actorEmail: ws.actors.owner.email,
      targetName: null,
      targetEmail: invitee.email,
      ipAddress: "203.0.113.7",
      userAgent: "vitest",
      client: "vitest",
    });
    expect(data.entries[2]).toMatchObject({ actorName: "Adam Admin", targetName: "Mia Member" });
    expect(text).not.toContain(SECRET_NAME);
  });

  it("an actor whose only membership here is a pending invitation shows as their address, not their name", async () => {
    const local = await createRoleWorkspace(db, "audit-pending-actor");
    const pending = await createTestUser(db, "audit-pending-actor");
    await db.user.update({ where: { id: pending.id }, data: { name: SECRET_NAME } });
    await db.teamMember.create({
      data: {
        workspaceId: local.workspaceId,
        userId: pending.id,
        role: "member",
        status: "pending",
        invitationExpiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    await db.auditLog.create({
      data: {
        workspaceId: local.workspaceId,
        actorUserId: pending.id,
        actorEmail: pending.email,
        action: "member.left",
        targetType: "member",
      },
    });
    const response = await call("", local.actors.owner.token, local.workspaceId);
    const text = await response.text();
    expect(JSON.parse(text).data.entries.map((e: { description: string }) => e.description)).toEqual([
      `${pending.email} left the workspace`,
    ]);
    expect(text).not.toContain(SECRET_NAME);
  });

  it("filters by the actor's name as well as their address", async () => {
    const { data } = await (await call("?actor=adam%20ADMIN")).json();
    expect(data.entries.map((e: { action: string }) => e.action)).toEqual([
      "member.deactivated",
      "member.role_changed",
    ]);
  });

  it("accepts the widest date range (2000-01-01 to 9999-12-31)", async () => {
    const response = await call("?from=2000-01-01&to=9999-12-31");
    expect(response.status).toBe(200);
    expect((await response.json()).data.total).toBe(3);
  });
});

describe("CSV export", () => {
  it("downloads the filtered view as an attachment named after the workspace and today", async () => {
    const response = await call("?format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="audit-log-${workspaceSlug}-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-audit-log-rows")).toBe("3");
    const text = await response.text();
    expect(text).not.toContain(SECRET_NAME);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...AUDIT_CSV_HEADER]);
    const column = (name: (typeof AUDIT_CSV_HEADER)[number]) => rows.map((row) => row[header!.indexOf(name)]);
    expect(column("description")).toEqual([
      "Adam Admin deactivated Vic Viewer",
      `Olivia Owner invited ${invitee.email} as Member`,
      "Adam Admin changed Mia Member's role: Member → Viewer",
    ]);
    expect(column("actor_email")).toEqual([ws.actors.admin.email, ws.actors.owner.email, ws.actors.admin.email]);
    expect(column("target_name")).toEqual(["Vic Viewer", "", "Mia Member"]);
    expect(column("ip_address")).toEqual(["203.0.113.7", "203.0.113.7", "203.0.113.7"]);
    expect(JSON.parse(rows[2]![header!.indexOf("after")]!)).toMatchObject({ role: "viewer" });
  });

  it("applies the same filters as the page, across all pages", async () => {
    const rows = parseCsv(await (await call("?format=csv&action=member.role_changed&page=2")).text());
    expect(rows).toHaveLength(2);
    expect(rows[1]![AUDIT_CSV_HEADER.indexOf("action")]).toBe("member.role_changed");
  });

  it("defuses cells a spreadsheet would run as formulas, and quotes per RFC 4180", async () => {
    const local = await createRoleWorkspace(db, "audit-csv-injection");
    await db.auditLog.create({
      data: {
        workspaceId: local.workspaceId,
        actorUserId: local.actors.owner.userId,
        actorEmail: local.actors.owner.email,
        action: "integration.created",
        targetType: "integration",
        targetId: "-1+1",
        after: { name: '=HYPERLINK("http://evil.example","x")' },
        ipAddress: "+1",
        userAgent: '@SUM(1,2) "quoted"\r\nnext line',
      },
    });
    const response = await call("?format=csv", local.actors.owner.token, local.workspaceId);
    const text = await response.text();
    const [header, row] = parseCsv(text);
    const cell = (name: (typeof AUDIT_CSV_HEADER)[number]) => row![header!.indexOf(name)];
    expect(cell("target_id")).toBe("'-1+1");
    expect(cell("ip_address")).toBe("'+1");
    expect(cell("user_agent")).toBe('\'@SUM(1,2) "quoted"\r\nnext line');
    expect(cell("after")).toBe('{"name":"=HYPERLINK(\\"http://evil.example\\",\\"x\\")"}');
    expect(text).toContain('"\'@SUM(1,2) ""quoted""\r\nnext line"');
  });

  it("an empty log exports the header only", async () => {
    const rows = parseCsv(await (await call("?format=csv&action=nothing.here")).text());
    expect(rows).toEqual([[...AUDIT_CSV_HEADER]]);
  });

  it("goes through the same permission as the JSON: audit:read", async () => {
    expect(GET.permission).toBe("audit:read");
    expect((await call("?format=csv", ws.actors.admin.token)).status).toBe(200);
    expect((await call("?format=csv", ws.actors.member.token)).status).toBe(403);
    expect((await call("?format=csv", null)).status).toBe(401);
    const other = await createRoleWorkspace(db, "audit-csv-other");
    expect((await call("?format=csv", ws.actors.owner.token, other.workspaceId)).status).toBe(404);
    expect((await call("?format=csv", ws.actors.owner.token, "not-a-uuid")).status).toBe(404);
  });
});

describe("bad input answers 400 with the field's message, never 500", () => {
  const megabyte = "a".repeat(1_000_000);
  const cases: [string, string, string][] = [
    ["NUL in actor", "actor=%00", "actor"],
    ["NUL inside actor", "actor=mia%00x", "actor"],
    ["control character in actor", "actor=%1B", "actor"],
    ["lone surrogate in actor", "actor=%ED%A0%80", "actor"],
    ["invalid UTF-8 in actor", "actor=%FF%FE", "actor"],
    ["1 MB actor", `actor=${megabyte}`, "actor"],
    ["1 MB action", `action=${megabyte}`, "action"],
    ["NUL in action", "action=member%00", "action"],
    ["year 0", "from=0000-01-01", "from"],
    ["year 1999", "to=1999-12-31", "to"],
    ["year 10000", "to=10000-01-01", "to"],
    ["NUL in a date", "from=2026-01-01%00", "from"],
    ["impossible date", "from=2026-02-30", "from"],
    ["from after to", "from=2026-05-02&to=2026-05-01", "to"],
    ["negative page", "page=-1", "page"],
    ["page 0", "page=0", "page"],
    ["huge page", "page=99999999999999999999999", "page"],
    ["page in exponent notation", "page=1e3", "page"],
    ["repeated actor", "actor=a&actor=b", "actor"],
    ["unknown parameter", "sort=asc", ""],
  ];

  it.each(cases)("%s (JSON)", async (_, query, field) => {
    const response = await call(`?${query}`);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.fieldErrors[field]?.[0]).toMatch(/\w/);
  });

  it.each(cases)("%s (CSV)", async (_, query, field) => {
    const response = await call(`?format=csv&${query}`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.fieldErrors[field]?.[0]).toMatch(/\w/);
  });

  it.each([
    ["unknown format", "format=xml"],
    ["repeated format", "format=csv&format=json"],
  ])("%s", async (_, query) => {
    const response = await call(`?${query}`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.fieldErrors.format?.[0]).toMatch(/format/i);
  });

  it("a signed-out caller with bad input gets 401, not a hint about the filters", async () => {
    expect((await call("?actor=%00", null)).status).toBe(401);
    expect((await call("?format=csv&actor=%00", null)).status).toBe(401);
  });
});
