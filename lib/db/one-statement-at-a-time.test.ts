// Statements on one connection never overlap. pg answers an overlapping client.query() with a
// deprecation warning ("Calling client.query() when the client is already executing a query", once per
// process) and pg@9 will reject it. Two detectors: every pg client's in-flight queries are counted
// (catches overlap however often it happens), and warnings are listened for (console.warn,
// process.emitWarning, process "warning"). Each detector is shown to catch a deliberate overlap.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { withWorkspace } from "../access/with-workspace";
import { childProcessEnv } from "../env";
import { getBillingOverview } from "../billing/billing-overview";
import { listMembers, teamPageRead } from "../team/list-members";
import { countSeats } from "../team/seat-limit";
import { inviteMembersAction } from "../team/team-action-definitions";
import { createRoleWorkspace, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { testDatabaseUrl } from "../testing/require-database";
import { testPrisma } from "../testing/test-db";
import { runRead } from "./sql-read";
import { tenantTransaction } from "./tenant-transaction";

const OVERLAP_WARNING = "already executing a query";
const db = testPrisma();
afterAll(() => db.$disconnect());

/** Counts, per pg client, the queries sent and not yet answered; remembers the most at once. */
function overlapDetector() {
  const inFlight = new WeakMap<object, number>();
  let most = 0;
  const original = pg.Client.prototype.query;
  const wrapped = function (this: pg.Client, ...args: unknown[]) {
    const now = (inFlight.get(this) ?? 0) + 1;
    inFlight.set(this, now);
    most = Math.max(most, now);
    const settle = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
    const callback = args.findIndex((arg) => typeof arg === "function");
    if (callback >= 0) {
      const given = args[callback] as (...results: unknown[]) => void;
      args[callback] = (...results: unknown[]) => {
        settle();
        given(...results);
      };
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    }
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function")
      (result as Promise<unknown>).then(settle, settle);
    else settle();
    return result;
  };
  pg.Client.prototype.query = wrapped as typeof original;
  return {
    most: () => most,
    reset: () => {
      most = 0;
    },
    restore: () => {
      pg.Client.prototype.query = original;
    },
  };
}

/** Every way the overlap warning can surface in this process. */
function warningListener() {
  const seen: string[] = [];
  const onWarning = (warning: Error) => seen.push(warning.message);
  process.on("warning", onWarning);
  const emitWarning = vi.spyOn(process, "emitWarning");
  const consoleWarn = vi.spyOn(console, "warn");
  return {
    overlapWarnings: () =>
      [
        ...seen,
        ...emitWarning.mock.calls.map((call) => String(call[0] instanceof Error ? call[0].message : call[0])),
        ...consoleWarn.mock.calls.map((call) => call.map(String).join(" ")),
      ].filter((message) => message.includes(OVERLAP_WARNING)),
    stop: () => {
      process.off("warning", onWarning);
      emitWarning.mockRestore();
      consoleWarn.mockRestore();
    },
  };
}

let detector: ReturnType<typeof overlapDetector>;
let warnings: ReturnType<typeof warningListener>;
beforeEach(() => {
  detector = overlapDetector();
  warnings = warningListener();
});
afterEach(() => {
  detector.restore();
  warnings.stop();
});

async function workspaceWithInvitations(): Promise<RoleWorkspace> {
  const ws = await createRoleWorkspace(db, "sequential", { memberLimit: 50 });
  const run = randomUUID().slice(0, 8);
  const result = await inviteMembersAction.run(requestAs(ws.actors.owner.token), {
    workspaceId: ws.workspaceId,
    emails: [`s1-${run}@seq.example`, `s2-${run}@seq.example`],
    role: "viewer",
  });
  expect(result).toMatchObject({ ok: true });
  return ws;
}

type Load = (ws: RoleWorkspace) => Promise<unknown>;

const inTenantTx =
  (work: (tx: Parameters<Parameters<typeof tenantTransaction>[2]>[0], workspaceId: string) => Promise<unknown>): Load =>
  (ws) =>
    tenantTransaction(db, ws.workspaceId, (tx) => work(tx, ws.workspaceId));

const LOADS: [name: string, load: Load][] = [
  ["listMembers", inTenantTx((tx, id) => listMembers(tx, id, { page: 1 }))],
  ["listMembers with a search", inTenantTx((tx, id) => listMembers(tx, id, { q: "seq.example", page: 1 }))],
  ["countSeats", inTenantTx((tx, id) => countSeats(tx, id))],
  ["getBillingOverview", inTenantTx((tx, id) => getBillingOverview(tx, id))],
  // The pages' reads as a team change's transaction would run them (the pages themselves use the pipelined
  // read path, lib/db/pipelined-transaction.ts, where several statements in flight is the point).
  [
    "the Team page's read in the chokepoint's transaction",
    (ws) =>
      withWorkspace(requestAs(ws.actors.viewer.token), ws.workspaceId, "workspace:read", ({ tx }) =>
        runRead(tx, teamPageRead(ws.workspaceId)),
      ),
  ],
  [
    "the Billing page's read in the chokepoint's transaction",
    (ws) =>
      withWorkspace(requestAs(ws.actors.admin.token), ws.workspaceId, "billing:read", ({ tx }) =>
        getBillingOverview(tx, ws.workspaceId),
      ),
  ],
];

describe("the app's loads", () => {
  let ws: RoleWorkspace;
  beforeAll(async () => {
    ws = await workspaceWithInvitations();
  });

  it.each(LOADS)("%s: no overlap warning in any form", async (_name, load) => {
    await load(ws);
    await new Promise((resolve) => setTimeout(resolve, 20)); // warnings are emitted on the next tick
    expect(warnings.overlapWarnings()).toEqual([]);
  });

  it.each(LOADS)("%s: at most one statement in flight per connection", async (_name, load) => {
    detector.reset();
    await load(ws);
    expect(detector.most()).toBe(1);
  });

  it("an invitation (many statements in one transaction) runs one at a time too", async () => {
    detector.reset();
    await workspaceWithInvitations();
    expect(detector.most()).toBe(1);
    expect(warnings.overlapWarnings()).toEqual([]);
  });
});

describe("the detectors catch a deliberate overlap", () => {
  it("Promise.all of two statements on one pg client: the in-flight counter sees 2", async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 1 });
    try {
      const client = await pool.connect();
      try {
        detector.reset();
        await Promise.all([client.query("SELECT 1"), client.query("SELECT 2")]);
        expect(detector.most()).toBe(2);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });

  it("Prisma 7 queues a transaction's statements itself: Promise.all inside tx does not overlap on the wire", async () => {
    // Found while writing this test: @prisma/client 7 chains every operation of an interactive
    // transaction (its `operationQueue`), so this deliberate Promise.all reaches pg one at a time.
    const ws = await workspaceWithInvitations();
    detector.reset();
    await tenantTransaction(db, ws.workspaceId, async (tx) => {
      const [a, b, c] = await Promise.all([
        tx.teamMember.count({ where: { workspaceId: ws.workspaceId } }),
        tx.teamMember.count({ where: { workspaceId: ws.workspaceId } }),
        tx.teamMember.count({ where: { workspaceId: ws.workspaceId } }),
      ]);
      expect(new Set([a, b, c]).size).toBe(1);
    });
    expect(detector.most()).toBe(1);
    expect(warnings.overlapWarnings()).toEqual([]);
  });

  it("in a fresh process (the warning comes once per process): Prisma's Promise.all stays silent, raw pg overlap warns", async () => {
    const script = `
      import pg from "pg";
      import { createPrismaClient } from "./lib/db/prisma";
      import { tenantTransaction } from "./lib/db/tenant-transaction";
      (async () => {
      const seen = [];
      process.on("warning", (w) => seen.push(w.message));
      const url = process.env.DATABASE_URL;
      const ws = process.argv.at(-1);
      const db = createPrismaClient(url);
      await tenantTransaction(db, ws, (tx) =>
        Promise.all([0, 1, 2].map(() => tx.teamMember.count({ where: { workspaceId: ws } }))));
      await new Promise((r) => setTimeout(r, 50));
      const afterPrisma = seen.length;
      await db.$disconnect();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await Promise.all([client.query("SELECT 1"), client.query("SELECT 2"), client.query("SELECT 3")]);
      await new Promise((r) => setTimeout(r, 50));
      await client.end();
      console.log(JSON.stringify({ afterPrisma, warnings: seen }));
      })();
    `;
    const ws = await createRoleWorkspace(db, "sequential-child");
    const root = path.resolve(import.meta.dirname, "../..");
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--eval", script, "--", ws.workspaceId],
      { cwd: root, env: childProcessEnv({ DATABASE_URL: testDatabaseUrl, NODE_OPTIONS: undefined }), timeout: 60_000 },
    );
    const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as { afterPrisma: number; warnings: string[] };
    expect(report.afterPrisma).toBe(0);
    expect(report.warnings.filter((w) => w.includes(OVERLAP_WARNING))).toHaveLength(1);
  });
});
