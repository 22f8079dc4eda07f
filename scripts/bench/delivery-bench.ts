// Integration delivery from the outbox to local receivers (the integrations issue's benchmark;
// docs/decisions/013-integration-delivery.md, docs/benchmarks.md "Integration delivery"): one
// workspace with three Standard Webhooks integrations, each at a lean loopback receiver in this
// process (delivery-receivers.ts), and ONE delivery worker in a process of its own
// (delivery-worker.ts: the dispatcher and the pg-boss workers, as the app's job runner runs them).
// Two runs: events written one at a time to an idle queue, then a burst in a few big transactions.
// Latency is per delivery, from the client's clock right after COMMIT returned to the receiver's
// clock when the request's body was in (the same clock: both in this process). The worker's RSS is
// sampled throughout. Afterwards every (event, integration) pair must have arrived exactly once and
// the database must agree (delivery-check.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type pg from "pg";
import { childProcessEnv } from "../../lib/env";
import { DELIVER_QUEUE } from "../../lib/integrations/delivery/delivery-queue";
import type { DeliveryEngineOptions } from "../../lib/integrations/delivery/delivery-engine";
import { sealSecrets } from "../../lib/integrations/integration-credentials";
import { generateSigningSecret } from "../../lib/integrations/senders/webhook-sender";
import { arrivalCheck, databaseProblems, receivedDeliveries, strayProblems } from "./delivery-check";
import { startDeliveryReceiver, type DeliveryReceiver } from "./delivery-receivers";
import { deliveryTiming, type DeliveryTiming } from "./delivery-timing";
import { residentMemory } from "./proc-stats";
import { percentiles, type Percentiles } from "./stats";

/** The issue's burst: 10,000 events fanned out to 3 integrations. */
export const ISSUE_BURST_EVENTS = 10_000;
const INTEGRATIONS = 3;
/** Idle run: one event every 50 ms, each in its own transaction. */
const IDLE_SPACING_MS = 50;
/** The burst is written in this many transactions (multi-row INSERTs), back to back. */
const BURST_TRANSACTIONS = 5;
const WARM_UP_EVENTS = 10;
/** A run gives up waiting when no delivery arrived for this long. */
const STALL_MS = 30_000;
const RSS_SAMPLE_MS = 250;

export interface DeliveryRun {
  name: string;
  kind: "idle" | "burst";
  events: number;
  /** Deliveries expected: events × integrations. */
  deliveries: number;
  /** From the first commit to the last first arrival of a pair, s. */
  seconds: number;
  deliveriesPerSecond: number;
  /** Commit to arrival, per delivery (its first arrival), ms. */
  latency: Percentiles;
  /** The worker's peak RSS from the run's first write until it was done, bytes. */
  peakRss: number;
  /** Deliveries that needed more than one attempt (not a problem by itself: at least once). */
  retried: number;
  /** Empty when every pair arrived exactly once and the database agrees. */
  problems: string[];
  /** Where the time went (delivery-timing.ts). */
  timing: DeliveryTiming;
}

export interface DeliveryBenchResult {
  integrations: number;
  idleSpacingMs: number;
  burstTransactions: number;
  /** Engine options given to the worker ({} = the engine's defaults). */
  engine: DeliveryEngineOptions;
  /** The worker's RSS once ready, before any delivery, bytes. */
  rssAtReady: number;
  runs: DeliveryRun[];
  /** Requests that belong to no run (none expected). */
  problems: string[];
}

interface Written {
  eventIds: string[];
  /** performance.now() right after the COMMIT that wrote each event returned. */
  committedAt: Map<string, number>;
}

export async function runDeliveryBench(
  client: pg.Client,
  databaseUrl: string,
  options: {
    idleEvents: number;
    burstEvents: number;
    engine?: DeliveryEngineOptions;
    log: (message: string) => void;
  },
): Promise<DeliveryBenchResult> {
  const started = performance.now();
  const engine = options.engine ?? {};
  const receivers: DeliveryReceiver[] = [];
  let worker: ChildProcess | undefined;
  try {
    // Earlier parts' outbox events (none of their workspaces has an integration) are not this part's work.
    const earlier = await client.query("UPDATE event_outbox SET published_at = now() WHERE published_at IS NULL");
    if (earlier.rowCount) options.log(`  ${earlier.rowCount} earlier outbox events marked published first`);

    for (let i = 0; i < INTEGRATIONS; i++) receivers.push(await startDeliveryReceiver());
    const workspaceId = randomUUID();
    await client.query(`INSERT INTO workspaces (id, name, slug) VALUES ($1, 'Delivery bench', $2)`, [
      workspaceId,
      `delivery-bench-${workspaceId}`,
    ]);
    const integrationIds: string[] = [];
    for (const [index, receiver] of receivers.entries()) {
      const integrationId = randomUUID();
      await client.query(
        `INSERT INTO integrations_config (id, workspace_id, integration_type, name, config, credentials_encrypted,
                                          rate_limit_per_minute)
         VALUES ($1, $2, 'webhook', $3, $4, $5, 60000)`,
        [
          integrationId,
          workspaceId,
          `Bench receiver ${index + 1}`,
          { url: receiver.url },
          sealSecrets({ signing_secret: generateSigningSecret() }, { workspaceId, integrationId }),
        ],
      );
      integrationIds.push(integrationId);
    }

    worker = await startWorker(databaseUrl, engine);
    const pid = worker.pid!;
    const rssAtReady = residentMemory(pid);
    options.log(
      `  worker ${pid} ready (RSS ${(rssAtReady / 2 ** 20).toFixed(0)} MB), engine ${JSON.stringify(engine)}; receivers ${receivers.map((r) => r.url).join(", ")}`,
    );
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, residentMemory(pid));
    }, RSS_SAMPLE_MS);
    const allEvents = new Set<string>();
    const waitForRun = async (written: Written) => {
      for (const id of written.eventIds) allEvents.add(id);
      await waitForArrivals(receivers, written.eventIds.length * INTEGRATIONS);
      await settle(client, workspaceId);
      peak = Math.max(peak, residentMemory(pid));
    };

    try {
      // Unmeasured: opens the receivers' connections and warms the worker's code paths.
      await waitForRun(await writeBurst(client, workspaceId, WARM_UP_EVENTS, 1, "warm"));
      options.log(`  warmed up with ${WARM_UP_EVENTS} events`);

      const runs: (Pick<DeliveryRun, "name" | "kind" | "events" | "peakRss"> & { written: Written })[] = [];
      options.log(`  idle: ${options.idleEvents} events, one per transaction, ${IDLE_SPACING_MS} ms apart`);
      peak = residentMemory(pid);
      const idle = await writeIdle(client, workspaceId, options.idleEvents);
      await waitForRun(idle);
      runs.push({
        name: `Idle queue: ${options.idleEvents.toLocaleString("en-US")} events, one per transaction, ${IDLE_SPACING_MS} ms apart`,
        kind: "idle",
        events: options.idleEvents,
        peakRss: peak,
        written: idle,
      });

      options.log(`  burst: ${options.burstEvents} events in ${BURST_TRANSACTIONS} transactions`);
      peak = residentMemory(pid);
      const burst = await writeBurst(client, workspaceId, options.burstEvents, BURST_TRANSACTIONS, "burst");
      await waitForRun(burst);
      runs.push({
        name: `Burst: ${options.burstEvents.toLocaleString("en-US")} events in ${BURST_TRANSACTIONS} transactions`,
        kind: "burst",
        events: options.burstEvents,
        peakRss: peak,
        written: burst,
      });

      const received = receivedDeliveries(receivers.map((r, i) => ({ id: integrationIds[i]!, arrivals: r.arrivals })));
      const results: DeliveryRun[] = [];
      for (const { written, ...run } of runs) {
        const eventIds = new Set(written.eventIds);
        const arrived = arrivalCheck(received, eventIds, integrationIds);
        const db = await databaseProblems(client, eventIds, integrationIds, arrived.first);
        const latencies = [...arrived.first.values()].map((d) => d.at - written.committedAt.get(d.eventId!)!);
        // Loops, not Math.min(...): a large burst would pass more arguments than a call takes.
        let firstCommit = Infinity;
        for (const at of written.committedAt.values()) firstCommit = Math.min(firstCommit, at);
        let lastArrival = -Infinity;
        for (const delivery of arrived.first.values()) lastArrival = Math.max(lastArrival, delivery.at);
        const seconds = arrived.first.size > 0 ? (lastArrival - firstCommit) / 1000 : NaN;
        const deliveries = run.events * INTEGRATIONS;
        results.push({
          ...run,
          deliveries,
          seconds,
          deliveriesPerSecond: arrived.first.size / seconds,
          latency: percentiles(latencies),
          retried: db.retried,
          problems: [...arrived.problems, ...db.problems],
          timing: await deliveryTiming(client, written.eventIds),
        });
        options.log(
          `  ${run.kind}: ${arrived.first.size} of ${deliveries} deliveries in ${seconds.toFixed(2)} s, p95 ${percentiles(latencies).p95.toFixed(0)} ms, peak RSS ${(run.peakRss / 2 ** 20).toFixed(0)} MB${db.retried ? `, ${db.retried} retried` : ""}`,
        );
      }
      options.log(`  delivery part done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      return {
        integrations: INTEGRATIONS,
        idleSpacingMs: IDLE_SPACING_MS,
        burstTransactions: BURST_TRANSACTIONS,
        engine,
        rssAtReady,
        runs: results,
        problems: strayProblems(received, allEvents),
      };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    if (worker) await stopWorker(worker);
    await Promise.all(receivers.map((r) => r.stop()));
  }
}

/** Node itself with tsx's loader (not the tsx wrapper), so the pid sampled is the worker's own. */
async function startWorker(databaseUrl: string, engine: DeliveryEngineOptions): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "delivery-worker.ts"), databaseUrl, JSON.stringify(engine)],
    {
      env: childProcessEnv({ INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: "true", LOG_LEVEL: "warn", DATABASE_URL: undefined }),
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the delivery worker was not ready within 60 s")), 60_000);
      child.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the delivery worker exited with ${code} before it was ready`));
      });
    });
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return child;
}

/** SIGTERM (the worker stops its engine and pg-boss); SIGKILL if it is still there after 10 s. */
async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An alert's worth of payload, as the app's events carry. */
const PAYLOAD_SQL = `jsonb_build_object('alertId', $2 || '-' || n, 'title', 'Error rate above 5%',
  'details', 'checkout-agent: 7.2% of runs failed', 'sequence', n)`;

/** `count` events, each in its own transaction, `IDLE_SPACING_MS` apart (from the first's start). */
async function writeIdle(client: pg.Client, workspaceId: string, count: number): Promise<Written> {
  const written: Written = { eventIds: [], committedAt: new Map() };
  const start = performance.now();
  for (let n = 0; n < count; n++) {
    const wait = start + n * IDLE_SPACING_MS - performance.now();
    if (wait > 0) await sleep(wait);
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO event_outbox (workspace_id, event_type, severity, payload)
       SELECT $1, 'alert.triggered', 'error', ${PAYLOAD_SQL} FROM (SELECT $3::int AS n) AS t RETURNING id`,
      [workspaceId, "idle", n],
    );
    await client.query("COMMIT");
    const at = performance.now();
    written.eventIds.push(rows[0]!.id);
    written.committedAt.set(rows[0]!.id, at);
  }
  return written;
}

/** `count` events in `transactions` multi-row INSERTs back to back (alerts fired and resolved, usage warnings). */
async function writeBurst(
  client: pg.Client,
  workspaceId: string,
  count: number,
  transactions: number,
  label: string,
): Promise<Written> {
  const written: Written = { eventIds: [], committedAt: new Map() };
  const size = Math.ceil(count / transactions);
  for (let from = 0; from < count; from += size) {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO event_outbox (workspace_id, event_type, severity, payload)
       SELECT $1, (ARRAY['alert.triggered', 'alert.resolved', 'usage.threshold_reached'])[1 + n % 3],
              (ARRAY['error', 'info', 'warning'])[1 + n % 3], ${PAYLOAD_SQL}
         FROM generate_series($3::int, $4::int) AS n
        ORDER BY n
       RETURNING id`,
      [workspaceId, label, from, Math.min(count, from + size) - 1],
    );
    await client.query("COMMIT");
    const at = performance.now();
    for (const { id } of rows) {
      written.eventIds.push(id);
      written.committedAt.set(id, at);
    }
  }
  return written;
}

/**
 * Until `expected` distinct webhook-ids arrived since the call (or none arrived for STALL_MS). Reads
 * only the new arrivals' headers: the check afterwards reads the bodies.
 */
async function waitForArrivals(receivers: DeliveryReceiver[], expected: number): Promise<void> {
  const seen = new Set<string>();
  const next = receivers.map((r) => r.arrivals.length);
  let lastProgress = performance.now();
  while (seen.size < expected && performance.now() - lastProgress < STALL_MS) {
    await sleep(20);
    receivers.forEach((receiver, index) => {
      const { arrivals } = receiver;
      if (arrivals.length > next[index]!) lastProgress = performance.now();
      for (; next[index]! < arrivals.length; next[index]!++) seen.add(arrivals[next[index]!]!.webhookId);
    });
  }
}

/**
 * Until the workspace's outbox is dispatched, its deliveries all succeeded and no delivery job is
 * open (so no late duplicate can still come), at most STALL_MS.
 */
async function settle(client: pg.Client, workspaceId: string): Promise<void> {
  const deadline = performance.now() + STALL_MS;
  while (performance.now() < deadline) {
    const { rows } = await client.query<{ open: number }>(
      `SELECT (SELECT count(*) FROM event_outbox WHERE workspace_id = $1 AND published_at IS NULL)
            + (SELECT count(*) FROM integration_deliveries WHERE workspace_id = $1 AND status <> 'succeeded')
            + (SELECT count(*) FROM pgboss.job WHERE name = $2 AND state IN ('created', 'retry', 'active')) AS open`,
      [workspaceId, DELIVER_QUEUE],
    );
    if (Number(rows[0]!.open) === 0) return;
    await sleep(100);
  }
}
