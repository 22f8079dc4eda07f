import type { PageBenchResult } from "./page-bench";
import type { TargetSummary } from "./page-summary";
import type { TargetKey } from "./page-targets";
import { ms } from "./stats";

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const count = (n: number) => n.toLocaleString("en-US");
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;
const cpu = (milliseconds: number) => (Number.isNaN(milliseconds) ? "—" : `${milliseconds.toFixed(2)} ms`);

/** Requests per second, latency, ratio to the floor and CPU per request, each a median over the rounds. */
export function loadTable(pages: PageBenchResult, summaries: Map<TargetKey, TargetSummary>): string {
  const lines = [
    `| Request (${pages.concurrency} clients, median of ${pages.rounds} rounds of ${pages.seconds} s) | Requests/s | ÷ floor (req/s) | p50 / p95 / p99 | Server CPU per request | PostgreSQL CPU per request | Errors |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const s of summaries.values()) {
    const ratio = s.ratio === null ? "—" : `${s.ratio.toFixed(2)}×`;
    lines.push(
      `| ${s.result.target.name} | ${s.requestsPerSecond.toFixed(0)} | ${ratio} | ${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} ms | ${cpu(s.serverCpuMs)} | ${cpu(s.postgresCpuMs)} | ${s.errors} |`,
    );
  }
  return lines.join("\n");
}

/** SQL statements and bytes of single requests (no other load). */
export function requestTable(pages: PageBenchResult): string {
  const lines = ["| Request (single, after warm-up) | SQL statements | Body (uncompressed) |", "| --- | --- | --- |"];
  const row = (name: string, statements: number | null, bytes: number) =>
    lines.push(`| ${name} | ${statements ?? "—"} | ${count(bytes)} bytes (${kb(bytes)}) |`);
  for (const { target, cost } of pages.targets) {
    row(target.name, cost.statements, cost.bytes);
    if (target.key === "team") {
      row("Team page, RSC payload (`RSC: 1`)", pages.teamRsc.statements, pages.teamRsc.bytes);
      row("Team page, HTML + RSC", null, cost.bytes + pages.teamRsc.bytes);
    }
  }
  return lines.join("\n");
}

/** Cold starts and memory. */
export function startTable(pages: PageBenchResult): string {
  const { memory } = pages;
  const growth = memory.rssAtFull - memory.rssAtHalf;
  return [
    "| | Ours (Team page) | Floor app (its page) |",
    "| --- | --- | --- |",
    `| Cold start: spawning the production server → first 200 | ${seconds(pages.ours.coldStartMs)} | ${seconds(pages.floor.coldStartMs)} |`,
    `| Latency of that first request | ${ms(pages.ours.firstRequestMs)} ms | ${ms(pages.floor.firstRequestMs)} ms |`,
    `| Server RSS after ${count(memory.half)} Team page requests | ${mb(memory.rssAtHalf)} | |`,
    `| Server RSS after ${count(memory.half * 2)} Team page requests | ${mb(memory.rssAtFull)} (${growth >= 0 ? "+" : "−"}${mb(Math.abs(growth))}) | |`,
  ].join("\n");
}
