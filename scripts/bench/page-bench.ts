import type { Db } from "../../lib/db/prisma";
import { buildFloor, startFloor } from "./floor-app";
import { runLoad, warmUp, type LoadResult } from "./load";
import { measureMemoryGrowth, type MemoryGrowth } from "./memory-growth";
import { measureRequest, type RequestCost } from "./per-request";
import { pageFixture, type PageFixture } from "./page-fixture";
import { pageTargets, teamPageProbe, teamRscProbe, type Target } from "./page-targets";
import { postgresCpu, serverCpu } from "./proc-stats";
import { productionServerEnv, startServer, type ServerProcess } from "./server-process";

export interface TargetResult {
  target: Target;
  /** One load run per round. */
  rounds: LoadResult[];
  /** Per round: the server's CPU time ÷ requests, ms. */
  serverCpuMs: number[];
  /** Per round: PostgreSQL's CPU time ÷ requests, ms (ours only). */
  postgresCpuMs: number[];
  cost: RequestCost;
}

export interface StartTimes {
  coldStartMs: number;
  firstRequestMs: number;
}

export interface PageBenchResult {
  targets: TargetResult[];
  /** The Team page's RSC payload (client-side navigation). */
  teamRsc: RequestCost;
  ours: StartTimes;
  floor: StartTimes;
  memory: MemoryGrowth;
  concurrency: number;
  seconds: number;
  rounds: number;
}

export interface PageBenchOptions {
  ports: { ours: number; floor: number };
  concurrency: number;
  seconds: number;
  rounds: number;
  /** Team page requests for the memory reading (read after half and after all of them). */
  memoryRequests: number;
  /** The postmaster of the benchmark database's PostgreSQL, for its CPU time. */
  postmasterPid: number;
  log: (message: string) => void;
}

/** Our production server with statement counting; its start is the cold start, polled on the Team page. */
function startOurs(databaseUrl: string, port: number, fixture: PageFixture): Promise<ServerProcess> {
  const base = `http://127.0.0.1:${port}`;
  return startServer({
    args: ["scripts/start-server.mjs", "--hostname", "127.0.0.1", "--port", String(port), "--count-statements"],
    env: productionServerEnv(base, { DATABASE_URL: databaseUrl }),
    port,
    probe: (b) => teamPageProbe(b, fixture),
  });
}

/**
 * Our production server and the floor app side by side: cold starts, the
 * statements and bytes of single requests, memory over many Team page
 * requests, then `rounds` rounds in which every target is loaded in turn
 * (ours next to the floor, so both see the same machine state).
 */
export async function runPageBench(db: Db, databaseUrl: string, options: PageBenchOptions): Promise<PageBenchResult> {
  const { log } = options;
  buildFloor(log);
  const fixture = await pageFixture(db);
  log("• Starting our server (cold start: spawn to the first Team page) and the floor app");
  const ours = await startOurs(databaseUrl, options.ports.ours, fixture);
  let floor: ServerProcess | undefined;
  try {
    floor = await startFloor(options.ports.floor);
    const targets = pageTargets({ ours: ours.base, floor: floor.base }, fixture);

    log("• Single requests: SQL statements and bytes");
    const costs = new Map<Target, RequestCost>();
    for (const target of targets) {
      const statementsBase = target.side === "ours" ? ours.base : undefined;
      costs.set(target, await measureRequest(target.probe, { statementsBase }));
    }
    const teamRsc = await measureRequest(teamRscProbe(ours.base, fixture), { statementsBase: ours.base });

    const team = targets.find((t) => t.key === "team")!;
    log(`• Memory: ${options.memoryRequests.toLocaleString("en-US")} Team page requests`);
    const memory = await measureMemoryGrowth(ours.pid, team.probe, {
      requests: options.memoryRequests,
      concurrency: options.concurrency,
    });

    const results: TargetResult[] = targets.map((target) => ({
      target,
      rounds: [],
      serverCpuMs: [],
      postgresCpuMs: [],
      cost: costs.get(target)!,
    }));
    // JIT and caches: every target under load once, unmeasured, before the first round.
    log(`• Warm-up: every request under load for ${Math.min(2, options.seconds)} s`);
    for (const { target } of results) {
      await runLoad(target.probe, { concurrency: options.concurrency, seconds: Math.min(2, options.seconds) });
    }
    for (let round = 1; round <= options.rounds; round++) {
      for (const result of results) {
        log(`  round ${round} of ${options.rounds}: ${result.target.name}`);
        const pid = result.target.side === "ours" ? ours.pid : floor.pid;
        await warmUp(result.target.probe, 10);
        const cpuBefore = serverCpu(pid);
        const pgBefore = postgresCpu(options.postmasterPid);
        const load = await runLoad(result.target.probe, { concurrency: options.concurrency, seconds: options.seconds });
        result.serverCpuMs.push((serverCpu(pid) - cpuBefore) / load.requests);
        if (result.target.side === "ours") {
          result.postgresCpuMs.push((postgresCpu(options.postmasterPid) - pgBefore) / load.requests);
        }
        result.rounds.push(load);
      }
    }
    return {
      targets: results,
      teamRsc,
      ours: { coldStartMs: ours.coldStartMs, firstRequestMs: ours.firstRequestMs },
      floor: { coldStartMs: floor.coldStartMs, firstRequestMs: floor.firstRequestMs },
      memory,
      concurrency: options.concurrency,
      seconds: options.seconds,
      rounds: options.rounds,
    };
  } finally {
    await Promise.all([ours.stop(), floor?.stop()]);
  }
}
