// Usage recording through the service in process (lib/usage/record-usage.ts), without HTTP: the same
// clients call recordUsage back to back on a pipelined pool, one report per call.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { recordUsage } from "../../lib/usage/record-usage";
import { percentiles, type Percentiles } from "./stats";

export interface ServiceTenant {
  workspaceId: string;
  traces: number;
  reports: number;
}

export async function loadService(
  pool: pg.Pool,
  tenants: ServiceTenant[],
  options: { concurrency: number; seconds: number },
): Promise<{
  latency: Percentiles;
  reportsPerSecond: number;
  requestsPerSecond: number;
  recorded: number;
  errors: number;
}> {
  const latencies: number[] = [];
  let errors = 0;
  let recorded = 0;
  const end = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, client) => {
      let turn = client;
      while (performance.now() < end) {
        const tenant = tenants[turn++ % tenants.length]!;
        const traces = 1 + (turn % 7);
        const t0 = performance.now();
        const outcome = await recordUsage(tenant.workspaceId, traces, randomUUID(), null, { pool }).catch(() => null);
        latencies.push(performance.now() - t0);
        if (outcome?.status === "recorded") {
          recorded += 1;
          tenant.traces += traces;
          tenant.reports += 1;
        } else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    latency: percentiles(latencies),
    requestsPerSecond: latencies.length / elapsed,
    reportsPerSecond: latencies.length / elapsed,
    recorded,
    errors,
  };
}
