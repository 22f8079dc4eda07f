// A worker process killed in the middle of a delivery (docs/decisions/013-integration-delivery.md):
// pg-boss sees its heartbeat stop, the job runs again in another worker, nothing is lost, and a
// receiver that de-duplicates on webhook-id processes the event once. On a scratch database of its
// own, so that no other test file's engine works these jobs.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient, type Db } from "../../db/prisma";
import { childProcessEnv } from "../../env";
import { createScratchDatabase, type ScratchDatabase } from "../../db/scratch-database";
import { ROOT } from "../../testing/app-files";
import { createRoleWorkspace } from "../../testing/fixtures";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import { testAdminDatabaseUrl, testDatabaseUrl } from "../../testing/require-database";
import { sealSecrets } from "../integration-credentials";
import { generateSigningSecret } from "../senders/webhook-sender";

vi.mock("server-only", () => ({}));

let scratch: ScratchDatabase;
let db: Db;
let receiver: HttpReceiver;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase(testAdminDatabaseUrl, "delivery-crash", { appUrl: testDatabaseUrl });
  db = createPrismaClient(scratch.url);
  receiver = await startHttpReceiver();
}, 60_000);
afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await receiver?.stop();
  await db?.$disconnect();
  await scratch?.drop();
});

/** Starts a worker process and resolves once it works jobs. */
async function startWorker(): Promise<ChildProcess> {
  // Node itself with tsx's loader (not the tsx wrapper, whose child would outlive a SIGKILL of it).
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "lib/testing/delivery-worker-process.ts"), scratch.url],
    {
      cwd: ROOT,
      env: childProcessEnv({ INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: "true" }),
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  workers.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
  return child;
}

describe("a worker killed mid-delivery", () => {
  it("loses nothing: another worker delivers it again with the same webhook-id", async () => {
    const ws = await createRoleWorkspace(db, "crash");
    const integrationId = crypto.randomUUID();
    await db.integrationConfig.create({
      data: {
        id: integrationId,
        workspaceId: ws.workspaceId,
        integrationType: "webhook",
        name: "Crash test",
        config: { url: receiver.url("/crash") },
        credentialsEncrypted: sealSecrets(
          { signing_secret: generateSigningSecret() },
          { workspaceId: ws.workspaceId, integrationId },
        ),
      },
    });
    // The first request is held for 60 s: the worker is killed while it waits for the answer.
    receiver.respondWith({ delayMs: 60_000 }, { path: "/crash", times: 1 });

    const first = await startWorker();
    const event = await db.eventOutbox.create({
      data: {
        workspaceId: ws.workspaceId,
        eventType: "alert.triggered",
        severity: "critical",
        payload: { alertId: "a-1" },
      },
    });
    const inFlight = await receiver.waitFor((r) => r.path === "/crash", 30_000);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));

    await startWorker();
    const deadline = Date.now() + 90_000;
    let delivery = await db.integrationDelivery.findFirstOrThrow({ where: { eventId: event.id } });
    while (delivery.status !== "succeeded" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      delivery = await db.integrationDelivery.findFirstOrThrow({ where: { eventId: event.id } });
    }
    expect(delivery.status).toBe("succeeded");

    const seen = receiver.requests.filter((r) => r.path === "/crash");
    expect(seen.length).toBeGreaterThanOrEqual(2);
    // Every attempt carried the same id: a receiver that de-duplicates on it processes the event once.
    const ids = new Set(seen.map((r) => r.headers["webhook-id"]));
    expect(ids).toEqual(new Set([inFlight.headers["webhook-id"]]));
    expect(await db.integrationDelivery.count({ where: { eventId: event.id } })).toBe(1);
  }, 180_000);
});
