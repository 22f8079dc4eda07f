// Where a delivery run's time went, from the database's own timestamps (its clock, not the bench's):
// how long the dispatcher took to turn the run's events into deliveries and jobs, how long pg-boss
// batches took and how much of the run at least one was in flight, and the receivers' answer times
// as the worker measured them (integration_delivery_attempts.latency_ms).
import type pg from "pg";
import { DELIVER_QUEUE } from "../../lib/integrations/delivery/delivery-queue";
import { percentiles, type Percentiles } from "./stats";

export interface DeliveryTiming {
  /** First event written → last event marked published by the dispatcher, s. */
  dispatchSeconds: number;
  /** pg-boss fetches that worked the run's jobs (jobs fetched together share their start). */
  batches: number;
  /** Jobs per batch, on average. */
  jobsPerBatch: number;
  /** Fetch → completion of a batch, ms. */
  batch: Percentiles;
  /** Share of the run (first job created → last job completed) with at least one batch in flight. */
  inFlightShare: number;
  /** The HTTP exchange with the receiver as the worker timed it, ms. */
  http: Percentiles;
}

export async function deliveryTiming(client: pg.Client, eventIds: string[]): Promise<DeliveryTiming> {
  const dispatch = await client.query<{ seconds: number | null }>(
    `SELECT extract(epoch FROM max(published_at) - min(created_at))::float8 AS seconds FROM event_outbox
      WHERE id = ANY($1::uuid[])`,
    [eventIds],
  );
  const { rows: jobs } = await client.query<{ created_on: Date; started_on: Date | null; completed_on: Date | null }>(
    `SELECT j.created_on, j.started_on, j.completed_on
       FROM pgboss.job j JOIN integration_deliveries d ON d.id = (j.data ->> 'deliveryId')::uuid
      WHERE j.name = $2 AND d.event_id = ANY($1::uuid[])`,
    [eventIds, DELIVER_QUEUE],
  );
  const http = await client.query<{ latency_ms: number }>(
    `SELECT a.latency_ms FROM integration_delivery_attempts a JOIN integration_deliveries d ON d.id = a.delivery_id
      WHERE d.event_id = ANY($1::uuid[])`,
    [eventIds],
  );

  const batches = new Map<number, { start: number; end: number; jobs: number }>();
  for (const job of jobs) {
    if (!job.started_on || !job.completed_on) continue;
    const start = job.started_on.getTime();
    const batch = batches.get(start) ?? { start, end: start, jobs: 0 };
    batch.end = Math.max(batch.end, job.completed_on.getTime());
    batch.jobs += 1;
    batches.set(start, batch);
  }
  const intervals = [...batches.values()].sort((a, b) => a.start - b.start);
  let inFlight = 0;
  let coveredUntil = -Infinity;
  for (const { start, end } of intervals) {
    inFlight += Math.max(0, end - Math.max(start, coveredUntil));
    coveredUntil = Math.max(coveredUntil, end);
  }
  let first = Infinity;
  for (const job of jobs) first = Math.min(first, job.created_on.getTime());
  const last = intervals.reduce((latest, batch) => Math.max(latest, batch.end), -Infinity);
  return {
    dispatchSeconds: dispatch.rows[0]?.seconds ?? NaN,
    batches: intervals.length,
    jobsPerBatch: intervals.length ? jobs.length / intervals.length : NaN,
    batch: percentiles(intervals.map((batch) => batch.end - batch.start)),
    inFlightShare: last > first ? inFlight / (last - first) : NaN,
    http: percentiles(http.rows.map((row) => row.latency_ms)),
  };
}
