import type { PageBenchResult, TargetResult } from "./page-bench";
import type { TargetKey } from "./page-targets";
import { median } from "./stats";

/** One target's figures over its rounds: medians, so one disturbed round does not move them. */
export interface TargetSummary {
  result: TargetResult;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  serverCpuMs: number;
  postgresCpuMs: number;
  /** Requests per second ÷ the floor target's (ours only). */
  ratio: number | null;
}

export function summarize(pages: PageBenchResult): Map<TargetKey, TargetSummary> {
  const summaries = new Map<TargetKey, TargetSummary>();
  for (const result of pages.targets) {
    summaries.set(result.target.key, {
      result,
      requestsPerSecond: median(result.rounds.map((r) => r.requestsPerSecond)),
      p50: median(result.rounds.map((r) => r.latency.p50)),
      p95: median(result.rounds.map((r) => r.latency.p95)),
      p99: median(result.rounds.map((r) => r.latency.p99)),
      errors: result.rounds.reduce((sum, r) => sum + r.errors, 0),
      serverCpuMs: median(result.serverCpuMs),
      postgresCpuMs: median(result.postgresCpuMs),
      ratio: null,
    });
  }
  for (const summary of summaries.values()) {
    const floor = summary.result.target.floor && summaries.get(summary.result.target.floor);
    if (floor) summary.ratio = summary.requestsPerSecond / floor.requestsPerSecond;
  }
  return summaries;
}
