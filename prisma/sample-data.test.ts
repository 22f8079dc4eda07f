import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialsCipher } from "@/lib/crypto/credentials-key";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/db/scratch-database";
import { testAdminDatabaseUrl, testDatabaseUrl } from "@/lib/testing/require-database";
import { dailyUsageSeries, SAMPLE_WORKSPACE_ID, seedSampleData } from "./sample-data";

let scratch: ScratchDatabase;
let db: Db;

beforeAll(async () => {
  scratch = await createScratchDatabase(testAdminDatabaseUrl, "sample_data", { appUrl: testDatabaseUrl });
  db = createPrismaClient(scratch.url);
  await seedSampleData(db, credentialsCipher());
});
afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

async function everything() {
  const [workspaces, users, members, billing, integrations, usage] = await Promise.all([
    db.workspace.findMany({ orderBy: { id: "asc" } }),
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.teamMember.findMany({ orderBy: { id: "asc" } }),
    db.billingConfig.findMany(),
    db.integrationConfig.findMany({ orderBy: { id: "asc" } }),
    db.dailyUsage.findMany({ orderBy: { day: "asc" } }),
  ]);
  return { workspaces, users, members, billing, integrations, usage };
}

describe("sample data", () => {
  it("is idempotent: a second and third run change nothing", async () => {
    const first = await everything();
    await seedSampleData(db, credentialsCipher());
    // A later day must not add usage rows or move dates either.
    await seedSampleData(db, credentialsCipher(), new Date(Date.now() + 3 * 86_400_000));
    expect(await everything()).toEqual(first);
  });

  it("has 30 days of daily usage summing to this month's 650,000 traces", async () => {
    const usage = await db.dailyUsage.findMany({
      where: { workspaceId: SAMPLE_WORKSPACE_ID },
      orderBy: { day: "asc" },
    });
    expect(usage).toHaveLength(30);
    expect(usage.reduce((sum, d) => sum + Number(d.traces), 0)).toBe(650_000);
    const billing = await db.billingConfig.findUniqueOrThrow({ where: { workspaceId: SAMPLE_WORKSPACE_ID } });
    expect(usage[0]!.day.getTime()).toBe(billing.currentPeriodStart.getTime());
  });

  it("stores integration credentials encrypted with the app's cipher, bound to their rows", async () => {
    const cipher = credentialsCipher();
    const integrations = await db.integrationConfig.findMany({ where: { workspaceId: SAMPLE_WORKSPACE_ID } });
    expect(integrations).toHaveLength(4);
    for (const integration of integrations) {
      const stored = integration.credentialsEncrypted!;
      expect(stored).toMatch(/^v1\./);
      expect(stored).not.toMatch(/hooks\.slack\.com|whsec_|sentry\.io|ROUTINGKEY/);
      const secrets = JSON.parse(
        cipher.decrypt(stored, { workspaceId: integration.workspaceId, integrationId: integration.id }),
      );
      expect(Object.keys(secrets)).toHaveLength(1);
      expect(JSON.stringify(integration.config)).not.toContain(Object.values(secrets)[0] as string);
    }
  });

  it("stores only a SHA-256 hash for the pending invitation", async () => {
    const pending = await db.teamMember.findFirstOrThrow({
      where: { workspaceId: SAMPLE_WORKSPACE_ID, status: "pending" },
    });
    expect(pending.invitationTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pending.invitationExpiresAt!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("dailyUsageSeries", () => {
  it("sums exactly to the total with no negative day", () => {
    for (const total of [0, 1, 999, 650_000, 1_000_003]) {
      const series = dailyUsageSeries(new Date("2026-11-01T00:00:00Z"), total);
      expect(series).toHaveLength(30);
      expect(series.reduce((s, d) => s + d.traces, 0)).toBe(total);
      expect(series.every((d) => d.traces >= 0)).toBe(true);
    }
  });
});
