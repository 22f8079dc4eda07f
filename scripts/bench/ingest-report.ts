import type { IngestBenchResult } from "./ingest-bench";
import { ms } from "./stats";
import type { TargetRow } from "./targets";

/** Issue #11's target: one workspace (the hot-row case) at 20 concurrent clients. */
const HOT_REPORTS_PER_SECOND = 1000;
const HOT_P95_MS = 50;

export function ingestTable(result: IngestBenchResult): string {
  return [
    "| Run | Workspaces | Reports/s | Requests/s | p50 ms | p95 ms | p99 ms | Recorded | Errors | Totals exact |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...result.runs.map(
      (run) =>
        `| ${run.name} | ${run.workspaces.toLocaleString("en-US")} | ${run.reportsPerSecond.toFixed(0)} | ${run.requestsPerSecond.toFixed(0)} | ${ms(run.latency.p50)} | ${ms(run.latency.p95)} | ${ms(run.latency.p99)} | ${run.recorded.toLocaleString("en-US")} | ${run.errors} | ${run.exact ? "yes" : "**no**"} |`,
    ),
    `| Floor app's route (bare Next.js, JSON from memory, no database) | — | — | ${result.floor.requestsPerSecond.toFixed(0)} | — | ${ms(result.floor.p95)} | — | — | ${result.floor.errors} | — |`,
  ].join("\n");
}

export function ingestTargetRows(result: IngestBenchResult): TargetRow[] {
  const [hot, spread, hotBatched] = result.runs;
  const rows: TargetRow[] = [];
  const hotRow = (run: NonNullable<typeof hot>, label: string): TargetRow => ({
    target: `Usage ingestion, one workspace, ${label}, ${result.concurrency} clients: ≥ ${HOT_REPORTS_PER_SECOND.toLocaleString("en-US")} reports/s, p95 < ${HOT_P95_MS} ms, totals exact`,
    measured: `${run.reportsPerSecond.toFixed(0)} reports/s (${run.requestsPerSecond.toFixed(0)} requests/s; the floor route: ${result.floor.requestsPerSecond.toFixed(0)}), p95 ${ms(run.latency.p95)} ms, ${run.exact ? "exact" : "NOT exact"}`,
    verdict:
      run.reportsPerSecond >= HOT_REPORTS_PER_SECOND && run.latency.p95 < HOT_P95_MS && run.exact && run.errors === 0
        ? "✓"
        : "✗",
  });
  if (hot) rows.push(hotRow(hot, "one report per request"));
  if (hotBatched) rows.push(hotRow(hotBatched, `${hotBatched.batch} reports per request`));
  if (spread) {
    rows.push({
      target: `Usage ingestion spread over 1,000 workspaces, ${result.concurrency} clients (totals exact)`,
      measured: `${spread.reportsPerSecond.toFixed(0)} reports/s, p95 ${ms(spread.latency.p95)} ms, ${spread.exact ? "exact" : "NOT exact"}`,
      verdict: spread.exact && spread.errors === 0 ? "reported" : "✗",
    });
  }
  return rows;
}
