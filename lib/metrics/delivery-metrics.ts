import { Gauge } from "prom-client";
import { Prisma } from "../generated/prisma/client";
import { readWithTimeout, sharedReading } from "./database-reading";
import { sharedMetric } from "./registry";

/** The values of integration_delivery_attempts.outcome and of the open integration_deliveries.status (their CHECKs). */
export const ATTEMPT_OUTCOMES = ["success", "retryable", "permanent", "gone"] as const;
export const OPEN_DELIVERY_STATUSES = ["pending", "held"] as const;

interface DeliveryRow {
  kind: "attempt" | "open";
  label: string;
  count: number;
}

/**
 * Delivery attempts of the last hour by outcome (idx_integration_attempts_age) and open deliveries by
 * status (idx_integration_deliveries_open), every workspace's, in one query.
 */
export const DELIVERY_SQL = Prisma.sql`
  SELECT 'attempt' AS kind, outcome AS label, count(*)::int AS count
    FROM integration_delivery_attempts
   WHERE attempted_at > now() - interval '1 hour'
   GROUP BY outcome
  UNION ALL
  SELECT 'open' AS kind, status AS label, count(*)::int AS count
    FROM integration_deliveries
   WHERE status IN ('pending', 'held')
   GROUP BY status`;

/** The figures as the database has them now: the worker that sends has no port, so they are counted from the rows. */
export const readDeliveries = sharedReading("deliveries", () => readWithTimeout<DeliveryRow>(DELIVERY_SQL));

/** Each label's count, 0 for those without rows (so a series does not vanish when it drops to 0). */
async function countsOf(kind: DeliveryRow["kind"], labels: readonly string[]): Promise<Map<string, number> | null> {
  const rows = await readDeliveries();
  if (!rows) return null;
  const counts = new Map(labels.map((label) => [label, 0]));
  for (const row of rows) if (row.kind === kind) counts.set(row.label, row.count);
  return counts;
}

sharedMetric(
  "settings_integration_delivery_attempts_last_hour",
  (registers) =>
    new Gauge({
      name: "settings_integration_delivery_attempts_last_hour",
      help:
        "Integration delivery attempts in the hour before the scrape (a sliding window, not a counter), by outcome " +
        "(success, retryable, permanent, gone), counted from the database: every worker's.",
      labelNames: ["outcome"] as const,
      registers,
      async collect() {
        const counts = await countsOf("attempt", ATTEMPT_OUTCOMES);
        this.reset();
        for (const [outcome, count] of counts ?? []) this.set({ outcome }, count);
      },
    }),
);

sharedMetric(
  "settings_integration_deliveries_open",
  (registers) =>
    new Gauge({
      name: "settings_integration_deliveries_open",
      help:
        "Integration deliveries not yet done at the scrape, by status (pending: queued or waiting to retry; held: " +
        "its integration is paused or disabled), counted from the database.",
      labelNames: ["status"] as const,
      registers,
      async collect() {
        const counts = await countsOf("open", OPEN_DELIVERY_STATUSES);
        this.reset();
        for (const [status, count] of counts ?? []) this.set({ status }, count);
      },
    }),
);
