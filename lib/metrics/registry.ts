import { collectDefaultMetrics, Registry, type Metric } from "prom-client";

/** Every metric's name starts with it (docs/metrics.md). */
export const METRIC_PREFIX = "settings_";

// One registry per process, on globalThis: Next.js may load a module twice (one copy per bundle),
// and two registries would each count half of the requests.
const REGISTRY = Symbol.for("settings-platform.metrics");
const holder = globalThis as unknown as { [REGISTRY]?: Registry };

/** The process's registry, with prom-client's default process metrics (CPU, memory, event loop, GC). */
export function metricsRegistry(): Registry {
  let registry = holder[REGISTRY];
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
    holder[REGISTRY] = registry;
  }
  return registry;
}

/** The registry's metric called `name`, made by `make` the first time (a second copy of a module gets the same one). */
export function sharedMetric<M extends Metric>(name: string, make: (registers: Registry[]) => M): M {
  const registry = metricsRegistry();
  return (registry.getSingleMetric(name) as M | undefined) ?? make([registry]);
}
