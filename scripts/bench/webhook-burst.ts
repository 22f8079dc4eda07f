// One measured webhook burst: the deliveries (webhook-send.ts), then exactly once checked against
// what the events should have done (webhook-check.ts): the answers, the inbox rows, the side effects.
import type pg from "pg";
import type { Percentiles } from "./stats";
import { effectCounts, effectProblems, inboxProblems, tally, type EffectCounts } from "./webhook-check";
import type { BenchEvent } from "./webhook-events";
import { sendBurst } from "./webhook-send";
import type { Subscriber } from "./webhook-subscribers";

export interface WebhookBurst {
  name: string;
  events: number;
  distinct: number;
  workspaces: number;
  eventsPerSecond: number;
  seconds: number;
  latency: Percentiles;
  /** Outcomes the route answered (`error`: anything but a 200 with an outcome). */
  answered: Record<string, number>;
  /** Empty when every event was applied exactly once with the expected effects. */
  problems: string[];
}

export async function measureBurst(
  client: pg.Client,
  base: string,
  secret: string,
  burst: {
    name: string;
    events: BenchEvent[];
    subscribers: Subscriber[];
    expectedEffects: EffectCounts;
    concurrency: number;
  },
): Promise<WebhookBurst> {
  const workspaceIds = burst.subscribers.map((s) => s.workspaceId);
  const before = await effectCounts(client, workspaceIds);
  const answers = await sendBurst(
    base,
    secret,
    burst.events.map((e) => e.payload),
    burst.concurrency,
  );
  const after = await effectCounts(client, workspaceIds);
  const expectedRows = new Map(burst.events.map((e) => [e.id, e.expected]));
  const answered = tally(answers.outcomes);
  // Each distinct event answers its own outcome; copies of one event answer it once and `duplicate` after.
  const seen = new Set<string>();
  const expectedAnswers = tally(burst.events.map((e) => (seen.has(e.id) ? "duplicate" : (seen.add(e.id), e.expected))));
  const problems = [
    ...(answers.firstError ? [`wrong answer: ${answers.firstError}`] : []),
    ...(JSON.stringify(sorted(answered)) === JSON.stringify(sorted(expectedAnswers))
      ? []
      : [`answered ${JSON.stringify(sorted(answered))}, expected ${JSON.stringify(sorted(expectedAnswers))}`]),
    ...(await inboxProblems(client, expectedRows)),
    ...effectProblems(before, after, burst.expectedEffects),
  ];
  return {
    name: burst.name,
    events: burst.events.length,
    distinct: expectedRows.size,
    workspaces: workspaceIds.length,
    eventsPerSecond: answers.eventsPerSecond,
    seconds: answers.seconds,
    latency: answers.latency,
    answered,
    problems,
  };
}

const sorted = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
