import { Gauge } from "prom-client";
import { registeredPools } from "../db/pools";
import { sharedMetric } from "./registry";

interface PoolFigures {
  idle: number;
  inUse: number;
  waiting: number;
  max: number;
}

/** Each named pool's figures at this moment; pools that share a name are added up. */
function poolFigures(): Map<string, PoolFigures> {
  const figures = new Map<string, PoolFigures>();
  for (const { name, pool } of registeredPools()) {
    const sum = figures.get(name) ?? { idle: 0, inUse: 0, waiting: 0, max: 0 };
    sum.idle += pool.idleCount;
    sum.inUse += pool.totalCount - pool.idleCount;
    sum.waiting += pool.waitingCount;
    sum.max += pool.options.max ?? 10;
    figures.set(name, sum);
  }
  return figures;
}

sharedMetric(
  "settings_db_pool_connections",
  (registers) =>
    new Gauge({
      name: "settings_db_pool_connections",
      help: "Open connections of this process's database pools, by pool (system, read, rate-limit) and state (idle, in_use); their sum is the pool's total.",
      labelNames: ["pool", "state"] as const,
      registers,
      collect() {
        this.reset();
        for (const [pool, figures] of poolFigures()) {
          this.set({ pool, state: "idle" }, figures.idle);
          this.set({ pool, state: "in_use" }, figures.inUse);
        }
      },
    }),
);

sharedMetric(
  "settings_db_pool_waiting_requests",
  (registers) =>
    new Gauge({
      name: "settings_db_pool_waiting_requests",
      help: "Queries of this process waiting for a free connection of the pool (all connections in use), by pool.",
      labelNames: ["pool"] as const,
      registers,
      collect() {
        this.reset();
        for (const [pool, figures] of poolFigures()) this.set({ pool }, figures.waiting);
      },
    }),
);

sharedMetric(
  "settings_db_pool_max_connections",
  (registers) =>
    new Gauge({
      name: "settings_db_pool_max_connections",
      help: "The most connections the pool may open, by pool.",
      labelNames: ["pool"] as const,
      registers,
      collect() {
        this.reset();
        for (const [pool, figures] of poolFigures()) this.set({ pool }, figures.max);
      },
    }),
);
