import { Counter, Histogram } from "prom-client";
import type { ActionResult } from "../errors";
import { LATENCY_BUCKETS_SECONDS } from "./http-metrics";
import { sharedMetric } from "./registry";

const actions = sharedMetric(
  "settings_server_actions_total",
  (registers) =>
    new Counter({
      name: "settings_server_actions_total",
      help: "Server actions run, by action name and outcome (ok, or the error code: invalid_input, forbidden, rate_limited, internal, etc.).",
      labelNames: ["action", "outcome"] as const,
      registers,
    }),
);

const durations = sharedMetric(
  "settings_server_action_duration_seconds",
  (registers) =>
    new Histogram({
      name: "settings_server_action_duration_seconds",
      help: "Time a server action took, from its request context to its result, by action name.",
      labelNames: ["action"] as const,
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    }),
);

/** A server action's entry point that counts its runs by outcome and their latency (docs/metrics.md). */
export function observedAction<A extends unknown[], T>(
  action: string,
  run: (...args: A) => Promise<ActionResult<T>>,
): (...args: A) => Promise<ActionResult<T>> {
  return async (...args) => {
    const started = performance.now();
    let outcome = "internal";
    try {
      const result = await run(...args);
      outcome = result.ok ? "ok" : result.code;
      return result;
    } finally {
      actions.inc({ action, outcome });
      durations.observe({ action }, (performance.now() - started) / 1000);
    }
  };
}
