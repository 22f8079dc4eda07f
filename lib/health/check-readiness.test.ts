// GET /api/ready: each check fails on its own, with a 503 that names it and says what to fix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "../db/prisma";
import { readMigrationFiles } from "../db/migrations/migration-files";
import { createScratchDatabase, type ScratchDatabase } from "../db/scratch-database";
import { startWorkerHeartbeat } from "../jobs/worker-heartbeat";
import { testAdminDatabaseUrl, testDatabaseUrl } from "../testing/require-database";
import { checkReadiness, type ReadinessInputs } from "./check-readiness";
import { shippedMigrations } from "./shipped-migrations";

let scratch: ScratchDatabase;
let db: Db;
let admin: Db;
const migrations = readMigrationFiles().map((m) => m.name);

beforeAll(async () => {
  scratch = await createScratchDatabase(testAdminDatabaseUrl, "readiness", { appUrl: testDatabaseUrl });
  db = createPrismaClient(scratch.url);
  admin = createPrismaClient(scratch.adminUrl);
});

afterAll(async () => {
  await db?.$disconnect();
  await admin?.$disconnect();
  await scratch?.drop();
});

const inputs = (overrides: Partial<ReadinessInputs> = {}): ReadinessInputs => ({
  db: () => db,
  expectedMigrations: () => migrations,
  loadCredentialsKey: () => undefined,
  requireWorker: true,
  shuttingDown: () => false,
  ...overrides,
});

describe("checkReadiness", () => {
  it("the build ships exactly the migrations in prisma/migrations", () => {
    expect(shippedMigrations()).toEqual(migrations);
  });

  it("a worker that never beat: 503 naming the worker check", async () => {
    const { httpStatus, report } = await checkReadiness(inputs());
    expect(httpStatus).toBe(503);
    expect(report.failing).toEqual(["worker"]);
    expect(report.checks.worker).toEqual({ ok: false, error: expect.stringContaining("npm run worker") });
  });

  it("with a worker's heartbeat and everything in place: 200 ready", async () => {
    const heartbeat = await startWorkerHeartbeat(db);
    try {
      const { httpStatus, report } = await checkReadiness(inputs());
      expect(report.failing).toEqual([]);
      expect(httpStatus).toBe(200);
      expect(report.status).toBe("ready");
      expect(report.checks.migrations).toEqual({ ok: true, detail: `${migrations.length} applied` });
    } finally {
      await heartbeat.stop();
    }
    // A stopped worker removes its beat.
    expect(await db.workerHeartbeat.count()).toBe(0);
  });

  it("a heartbeat older than a minute: 503 worker, with its age", async () => {
    await admin.$executeRaw`INSERT INTO worker_heartbeats (worker_id, hostname, pid, beat_at)
      VALUES (gen_random_uuid(), 'old-host', 1, now() - interval '5 minutes')`;
    try {
      const { httpStatus, report } = await checkReadiness(inputs());
      expect(httpStatus).toBe(503);
      expect(report.failing).toEqual(["worker"]);
      expect(report.checks.worker).toEqual({ ok: false, error: expect.stringMatching(/heartbeat is 30\d s old/) });
      expect((await checkReadiness(inputs({ requireWorker: false }))).httpStatus).toBe(200);
    } finally {
      await admin.$executeRaw`DELETE FROM worker_heartbeats`;
    }
  });

  it("a migration this build ships but the database lacks: 503 naming it and how to apply it", async () => {
    const { report, httpStatus } = await checkReadiness(
      inputs({ requireWorker: false, expectedMigrations: () => [...migrations, "20991231000000_from_the_future"] }),
    );
    expect(httpStatus).toBe(503);
    expect(report.failing).toEqual(["migrations"]);
    expect(report.checks.migrations).toEqual({
      ok: false,
      error: expect.stringContaining(
        "1 migration(s) not applied: 20991231000000_from_the_future. Run `npm run db:migrate`",
      ),
    });
  });

  it("a rolled-back migration counts as not applied", async () => {
    const last = migrations.at(-1)!;
    await admin.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${last}`;
    try {
      const { report } = await checkReadiness(inputs({ requireWorker: false }));
      expect(report.failing).toEqual(["migrations"]);
      expect(report.checks.migrations).toMatchObject({ ok: false, error: expect.stringContaining(last) });
    } finally {
      await admin.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last}`;
    }
  });

  it("a credentials key that does not load: 503 credentials, with the key's own message", async () => {
    const { report } = await checkReadiness(
      inputs({
        requireWorker: false,
        loadCredentialsKey: () => {
          throw new Error("INTEGRATION_CREDENTIALS_KEY is required in production");
        },
      }),
    );
    expect(report.failing).toEqual(["credentials"]);
    expect(report.checks.credentials).toEqual({
      ok: false,
      error: "INTEGRATION_CREDENTIALS_KEY is required in production",
    });
  });

  it("an unreachable database: 503 database, and the checks that need it say so; no URL in the answer", async () => {
    const nowhere = createPrismaClient("postgresql://settings_login:do-not-print@127.0.0.1:9/nowhere");
    try {
      const { httpStatus, report } = await checkReadiness(inputs({ db: () => nowhere }));
      expect(httpStatus).toBe(503);
      expect(report.failing).toEqual(["database", "migrations", "worker"]);
      expect(report.checks.database).toEqual({ ok: false, error: "database unreachable" });
      expect(JSON.stringify(report)).not.toContain("do-not-print");
      expect(JSON.stringify(report)).not.toContain("127.0.0.1:9");
    } finally {
      await nowhere.$disconnect();
    }
  });

  it("a database that does not answer in time: 503 with the timeout", async () => {
    const slow = { $queryRaw: () => new Promise(() => undefined) } as unknown as Db;
    const { report } = await checkReadiness(inputs({ db: () => slow, timeoutMs: 50 }));
    expect(report.checks.database).toEqual({ ok: false, error: "no answer within 50 ms" });
  });

  it("shutting down: 503 shutdown at once, so the load balancer stops sending", async () => {
    const { httpStatus, report } = await checkReadiness(inputs({ requireWorker: false, shuttingDown: () => true }));
    expect(httpStatus).toBe(503);
    expect(report.failing).toEqual(["shutdown"]);
  });
});
