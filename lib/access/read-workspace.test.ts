// The chokepoint's read path (lib/access/read-workspace.ts): the same refusals as withWorkspace, row-level
// security on the runtime role, a read sent ahead of the checks that sees nothing for a refused caller,
// and a connection that goes back to the pool carrying nothing of the request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "../db/pools";
import { pipelinedTransaction } from "../db/pipelined-transaction";
import type { SqlRead } from "../db/sql-read";
import { Prisma } from "../generated/prisma/client";
import { createRoleWorkspace, createSession, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { testDatabaseUrl } from "../testing/require-database";
import { createTestUser, testPrisma } from "../testing/test-db";
import { ACTIVITY_WRITE_INTERVAL_MS, openingStatement } from "./opening-statement";
import { readWorkspace } from "./read-workspace";

const db = testPrisma();
// One connection: every read and check below runs on the same pooled connection.
const pool = createPool(testDatabaseUrl, { pipeline: true });
pool.options.max = 1;
let ws: RoleWorkspace;
let other: RoleWorkspace;

beforeAll(async () => {
  ws = await createRoleWorkspace(db, "read-path");
  other = await createRoleWorkspace(db, "read-path-other");
});
afterAll(async () => {
  await pool.end();
  await db.$disconnect();
});

/** Every team_members row the read can see, with no workspace filter of its own: RLS decides. */
const visibleMembers = (): SqlRead<string[]> => ({
  sql: Prisma.sql`SELECT workspace_id::text AS workspace_id FROM team_members`,
  map: (rows) => [...new Set(rows.map((row) => String(row.workspace_id)))],
});

const readAs = (token: string | null, workspaceId: unknown = ws.workspaceId, permission = "workspace:read" as const) =>
  readWorkspace(requestAs(token), workspaceId, permission, visibleMembers, { pool, db });

describe("readWorkspace", () => {
  it("gives a member their workspace's rows only, with who they are", async () => {
    const read = await readAs(ws.actors.viewer.token);
    expect(read.data).toEqual([ws.workspaceId]);
    expect(read.actor).toMatchObject({ kind: "member", memberId: ws.actors.viewer.memberId, role: "viewer" });
    expect(read.actor.kind === "member" && read.actor.user).toMatchObject({
      id: ws.actors.viewer.userId,
      email: ws.actors.viewer.email,
    });
  });

  it("refuses like withWorkspace: 401 signed out or expired, 404 for a stranger or a malformed id, 403 by role", async () => {
    await expect(readAs(null)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(readAs("x".repeat(600))).rejects.toMatchObject({ code: "unauthorized" });
    await expect(readAs("no-such-session")).rejects.toMatchObject({ code: "unauthorized" });
    const expired = await createSession(db, ws.actors.owner.userId, -1_000);
    await expect(readAs(expired)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(readAs(other.actors.owner.token)).rejects.toMatchObject({ code: "not_found" });
    await expect(readAs(ws.actors.owner.token, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    await expect(
      readAs(ws.actors.member.token, ws.workspaceId, "billing:read" as "workspace:read"),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a read that cannot be built is refused after the checks: 404 for a stranger, its own error for a member", async () => {
    const unbuildable = (): SqlRead<unknown> => {
      throw new Error("bad query string");
    };
    const as = (token: string) =>
      readWorkspace(requestAs(token), ws.workspaceId, "workspace:read", unbuildable, { pool, db });
    await expect(as(other.actors.owner.token)).rejects.toMatchObject({ code: "not_found" });
    await expect(as(ws.actors.viewer.token)).rejects.toThrow("bad query string");
  });

  it("a deactivated or removed member is refused on the next read", async () => {
    const local = await createRoleWorkspace(db, "read-path-revoked");
    await expect(readAs(local.actors.member.token, local.workspaceId)).resolves.toBeTruthy();
    await db.teamMember.update({ where: { id: local.actors.member.memberId }, data: { status: "inactive" } });
    await expect(readAs(local.actors.member.token, local.workspaceId)).rejects.toMatchObject({ code: "not_found" });
    await db.teamMember.update({ where: { id: local.actors.viewer.memberId }, data: { deletedAt: new Date() } });
    await expect(readAs(local.actors.viewer.token, local.workspaceId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("the read sent behind the checks sees no rows for a stranger or a role without the permission", async () => {
    const stranger = await createTestUser(db, "read-path-stranger");
    const token = await createSession(db, stranger.id);
    for (const [who, permission] of [
      [token, "workspace:read"],
      [ws.actors.viewer.token, "billing:read"],
    ] as const) {
      const [, rows] = await pipelinedTransaction(pool, [
        openingStatement(requestAs(who), ws.workspaceId, permission, { touch: true }),
        { text: "SELECT id FROM team_members", values: [] },
      ]);
      expect(rows!.rows).toEqual([]);
    }
  });

  it("leaves nothing on the pooled connection: role and workspace end with the transaction", async () => {
    await readAs(ws.actors.owner.token);
    const { rows } = await pool.query(
      "SELECT current_user AS role, current_setting('app.workspace_id', true) AS workspace, pg_current_xact_id_if_assigned() AS xact",
    );
    expect(rows[0].role).not.toBe("settings_app");
    expect(rows[0].workspace ?? "").toBe("");
    expect(rows[0].xact).toBeNull();
  });

  it("a failing read throws, rolls back, and the connection is clean and reusable", async () => {
    const broken = (): SqlRead<unknown> => ({ sql: Prisma.sql`SELECT no_such_column FROM team_members`, map: () => 1 });
    await expect(
      readWorkspace(requestAs(ws.actors.owner.token), ws.workspaceId, "workspace:read", broken, { pool, db }),
    ).rejects.toThrow(/no_such_column/);
    await expect(readAs(ws.actors.admin.token)).resolves.toMatchObject({ data: [ws.workspaceId] });
    const { rows } = await pool.query("SELECT current_user AS role");
    expect(rows[0].role).not.toBe("settings_app");
  });

  it("stamps last_active_at at most once per interval, and never for a refused read", async () => {
    const local = await createRoleWorkspace(db, "read-path-stamp");
    const stamp = async (memberId: string) =>
      (await db.teamMember.findUniqueOrThrow({ where: { id: memberId } })).lastActiveAt;
    await readAs(local.actors.member.token, local.workspaceId);
    const first = await stamp(local.actors.member.memberId);
    expect(first).not.toBeNull();
    await readAs(local.actors.member.token, local.workspaceId);
    expect(await stamp(local.actors.member.memberId)).toEqual(first);
    const old = new Date(Date.now() - ACTIVITY_WRITE_INTERVAL_MS - 1_000);
    await db.teamMember.update({ where: { id: local.actors.member.memberId }, data: { lastActiveAt: old } });
    await readAs(local.actors.member.token, local.workspaceId);
    expect((await stamp(local.actors.member.memberId))!.getTime()).toBeGreaterThan(old.getTime());

    await db.teamMember.update({ where: { id: local.actors.viewer.memberId }, data: { lastActiveAt: old } });
    await expect(
      readAs(local.actors.viewer.token, local.workspaceId, "billing:read" as "workspace:read"),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await stamp(local.actors.viewer.memberId)).toEqual(old);
  });
});
