import { Counter, Histogram } from "prom-client";
import { sharedMetric } from "./registry";

/** 5 ms … 10 s: the latencies a settings request can have, from a cached read to a slow export. */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const requests = sharedMetric(
  "settings_http_requests_total",
  (registers) =>
    new Counter({
      name: "settings_http_requests_total",
      help: "REST requests answered, by route pattern (never a concrete id), method and HTTP status.",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
);

const durations = sharedMetric(
  "settings_http_request_duration_seconds",
  (registers) =>
    new Histogram({
      name: "settings_http_request_duration_seconds",
      help: "Time from a REST request reaching its route handler to its response, by route pattern and method.",
      labelNames: ["route", "method"] as const,
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    }),
);

/** Counts one answered request and its latency. */
export function recordRequest(route: string, method: string, status: number, seconds: number): void {
  requests.inc({ route, method, status: String(status) });
  durations.observe({ route, method }, seconds);
}
