import { ISSUE_BURST_EVENTS, type DeliveryBenchResult } from "./delivery-bench";
import { ms } from "./stats";
import type { TargetRow } from "./targets";

/** The integrations issue's targets on its 2-core machine. */
const DELIVERIES_PER_SECOND = 300;
const IDLE_P95_MS = 1000;
const WORKER_RSS_BYTES = 300 * 2 ** 20;

const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const check = (met: boolean) => (met ? "✓" : "✗");
const exactly = (problems: string[]) => (problems.length === 0 ? "yes" : `**no**: ${problems.slice(0, 3).join("; ")}`);

export function deliveryTable(result: DeliveryBenchResult): string {
  return [
    "| Run | Events | Deliveries | Deliveries/s | p50 ms | p95 ms | p99 ms | Worker peak RSS MB | Exactly once |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...result.runs.map(
      (run) =>
        // The idle run is paced (one event every 50 ms): its rate says nothing about the engine.
        `| ${run.name} | ${run.events.toLocaleString("en-US")} | ${run.deliveries.toLocaleString("en-US")} | ${run.kind === "idle" ? "— (paced)" : run.deliveriesPerSecond.toFixed(0)} | ${ms(run.latency.p50)} | ${ms(run.latency.p95)} | ${ms(run.latency.p99)} | ${megabytes(run.peakRss)} | ${exactly(run.problems)} |`,
    ),
  ].join("\n");
}

const percent = (share: number) => (Number.isNaN(share) ? "—" : `${(share * 100).toFixed(0)}%`);

/** Where the time went, per run (from the database's timestamps). */
export function deliveryTimingTable(result: DeliveryBenchResult): string {
  return [
    "| Run | Dispatched in s | pg-boss batches | Jobs per batch | Batch p50 ms | Batch p95 ms | A batch in flight | Receiver answer p50 ms | p95 ms |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...result.runs
      .map(({ kind, timing: t }) =>
        [
          kind === "idle" ? "Idle queue" : "Burst",
          t.dispatchSeconds.toFixed(2),
          t.batches.toLocaleString("en-US"),
          t.jobsPerBatch.toFixed(1),
          ms(t.batch.p50),
          ms(t.batch.p95),
          percent(t.inFlightShare),
          ms(t.http.p50),
          ms(t.http.p95),
        ].join(" | "),
      )
      .map((row) => `| ${row} |`),
  ].join("\n");
}

/** Every problem of the part, one line each (empty: exactly once throughout). */
export function deliveryProblems(result: DeliveryBenchResult): string[] {
  return [...result.runs.flatMap((run) => run.problems.map((p) => `${run.kind}: ${p}`)), ...result.problems];
}

export function deliveryTargetRows(result: DeliveryBenchResult): TargetRow[] {
  const rows: TargetRow[] = [];
  const burst = result.runs.find((run) => run.kind === "burst");
  const idle = result.runs.find((run) => run.kind === "idle");
  const fanOut = `${result.integrations} integrations`;
  if (burst) {
    const scaled =
      burst.events < ISSUE_BURST_EVENTS ? `, scaled down from ${ISSUE_BURST_EVENTS.toLocaleString("en-US")}` : "";
    rows.push({
      target: `Integration delivery: ≥ ${DELIVERIES_PER_SECOND} deliveries/s sustained (burst of ${burst.events.toLocaleString("en-US")} events × ${fanOut}${scaled}, one worker)`,
      measured: `${burst.deliveriesPerSecond.toFixed(0)} deliveries/s (${burst.deliveries.toLocaleString("en-US")} in ${burst.seconds.toFixed(1)} s; p95 ${ms(burst.latency.p95)} ms)`,
      verdict: check(burst.deliveriesPerSecond >= DELIVERIES_PER_SECOND),
    });
  }
  if (idle) {
    rows.push({
      target: `Integration delivery: p95 commit-to-delivery < ${IDLE_P95_MS / 1000} s (idle queue, ${idle.events.toLocaleString("en-US")} events × ${fanOut})`,
      measured: `p95 ${ms(idle.latency.p95)} ms (p50 ${ms(idle.latency.p50)}, p99 ${ms(idle.latency.p99)})`,
      verdict: check(idle.latency.p95 < IDLE_P95_MS),
    });
  }
  if (burst) {
    rows.push({
      target: `Integration delivery: worker RSS < ${megabytes(WORKER_RSS_BYTES)} MB (burst)`,
      measured: `${megabytes(burst.peakRss)} MB peak (${megabytes(result.rssAtReady)} MB when ready)`,
      verdict: check(burst.peakRss < WORKER_RSS_BYTES),
    });
  }
  const problems = deliveryProblems(result);
  rows.push({
    target: "Integration delivery: zero lost or duplicated deliveries",
    measured:
      problems.length === 0
        ? `${result.runs.reduce((sum, run) => sum + run.deliveries, 0).toLocaleString("en-US")} deliveries, each arrived exactly once`
        : problems.slice(0, 3).join("; "),
    verdict: check(problems.length === 0),
  });
  return rows;
}
