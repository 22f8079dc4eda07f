import type { QueryResult } from "./query-bench";
import { ms } from "./stats";

const triple = (p: { p50: number; p95: number; p99: number }) => `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}`;

export function queryTable(results: QueryResult[]): string {
  const lines = [
    "| Query | Seed: without index | Measured without index (p95) | Seed: with index | Raw SQL p50 / p95 / p99 | Raw SQL in the RLS transaction p50 / p95 / p99 | Data layer p50 / p95 / p99 | Speedup (no index ÷ raw, p95) | Layer ÷ raw (p95) | Target (layer p95) | Plan with index | Plan without |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of results) {
    const speedup = r.noIndex.p95 / r.raw.p95;
    const overhead = r.dataLayer.p95 / r.raw.p95;
    const met = r.dataLayer.p95 < r.query.targetMs;
    lines.push(
      `| ${r.query.name} | ~${r.query.seedWithoutIndexMs} ms | ${ms(r.noIndex.p95)} ms | <${r.query.targetMs} ms | ${triple(r.raw)} ms | ${triple(r.rawInRlsTransaction)} ms | ${triple(r.dataLayer)} ms | ${Number.isFinite(speedup) ? `${Math.round(speedup)}×` : "—"} | ${overhead.toFixed(1)}× ${overhead <= 2 ? "✓" : "✗"} | ${met ? "✓ met" : "✗ missed"} | ${r.plan} | ${r.planWithoutIndex} |`,
    );
  }
  return lines.join("\n");
}
