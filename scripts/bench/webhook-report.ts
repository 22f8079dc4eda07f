import { ms } from "./stats";
import type { TargetRow } from "./targets";
import type { WebhookBenchResult } from "./webhook-bench";

const counts = (answered: Record<string, number>) =>
  Object.entries(answered)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, n]) => `${outcome} ${n.toLocaleString("en-US")}`)
    .join(", ");

export function webhookTable(result: WebhookBenchResult): string {
  return [
    "| Burst | Events | Workspaces | Events/s | p50 ms | p95 ms | p99 ms | Answered | Exactly once |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ...result.bursts.map(
      (burst) =>
        `| ${burst.name} | ${burst.events.toLocaleString("en-US")} | ${burst.workspaces} | ${burst.eventsPerSecond.toFixed(0)} | ${ms(burst.latency.p50)} | ${ms(burst.latency.p95)} | ${ms(burst.latency.p99)} | ${counts(burst.answered)} | ${burst.problems.length === 0 ? "yes" : `**no**: ${burst.problems.slice(0, 3).join("; ")}`} |`,
    ),
  ].join("\n");
}

/** The billing issue asks for the figures (no threshold) and for exactly once. */
export function webhookTargetRows(result: WebhookBenchResult): TargetRow[] {
  return result.bursts.map((burst) => ({
    target: `Stripe webhook inbox, ${burst.name}, ${result.concurrency} senders (every event applied exactly once)`,
    measured: `${burst.eventsPerSecond.toFixed(0)} events/s, p95 ${ms(burst.latency.p95)} ms, ${burst.problems.length === 0 ? "exactly once" : "NOT exactly once"}`,
    verdict: burst.problems.length === 0 ? "reported" : "✗",
  }));
}
