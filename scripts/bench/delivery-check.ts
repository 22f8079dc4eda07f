// Exactly once, checked after the delivery benchmark's runs: what the receivers got (every
// (event, integration) pair arrived, none twice by `webhook-id`, never two deliveries for one pair),
// and what the database says (one delivery per pair, all succeeded, their ids the webhook-ids
// that arrived).
import type pg from "pg";
import type { Arrival } from "./delivery-receivers";

/** One request a receiver got, read from its body. */
export interface ReceivedDelivery {
  integrationId: string;
  /** `data.id` of the body: the outbox event's id (null when the body did not parse). */
  eventId: string | null;
  webhookId: string;
  at: number;
}

const pairKey = (integrationId: string, eventId: string) => `${integrationId} ${eventId}`;

/** Every request each integration's receiver got, its body parsed (after the runs: off the clock). */
export function receivedDeliveries(integrations: { id: string; arrivals: Arrival[] }[]): ReceivedDelivery[] {
  return integrations.flatMap(({ id, arrivals }) =>
    arrivals.map((arrival) => {
      let eventId: string | null = null;
      try {
        const data = (JSON.parse(arrival.body) as { data?: { id?: unknown } }).data;
        eventId = typeof data?.id === "string" ? data.id : null;
      } catch {
        eventId = null;
      }
      return { integrationId: id, eventId, webhookId: arrival.webhookId, at: arrival.at };
    }),
  );
}

export interface ArrivalCheck {
  /** The first arrival of each (integration, event) pair that arrived. */
  first: Map<string, ReceivedDelivery>;
  problems: string[];
}

/** The receivers' side for one run's events: each pair once, none missing, none twice. */
export function arrivalCheck(
  received: ReceivedDelivery[],
  eventIds: Set<string>,
  integrationIds: string[],
): ArrivalCheck {
  const first = new Map<string, ReceivedDelivery>();
  const webhookIds = new Map<string, Set<string>>();
  let repeated = 0;
  for (const delivery of received) {
    if (!delivery.eventId || !eventIds.has(delivery.eventId)) continue;
    const key = pairKey(delivery.integrationId, delivery.eventId);
    const ids = webhookIds.get(key) ?? new Set<string>();
    if (ids.has(delivery.webhookId)) repeated += 1;
    ids.add(delivery.webhookId);
    webhookIds.set(key, ids);
    if (!first.has(key)) first.set(key, delivery);
  }
  const expected = eventIds.size * integrationIds.length;
  const missing = expected - first.size;
  const split = [...webhookIds.values()].filter((ids) => ids.size > 1).length;
  const problems: string[] = [];
  if (missing > 0) problems.push(`${missing} of ${expected} deliveries never arrived (lost)`);
  if (repeated > 0) problems.push(`${repeated} deliveries arrived again with the same webhook-id (duplicated)`);
  if (split > 0) problems.push(`${split} (event, integration) pairs arrived under two or more webhook-ids`);
  return { first, problems };
}

/** Requests that belong to no run: bodies without an event id, or events the bench did not write. */
export function strayProblems(received: ReceivedDelivery[], eventIds: Set<string>): string[] {
  const unreadable = received.filter((d) => d.eventId === null).length;
  const stray = received.filter((d) => d.eventId !== null && !eventIds.has(d.eventId)).length;
  return [
    ...(unreadable ? [`${unreadable} requests without an event id in the body`] : []),
    ...(stray ? [`${stray} requests for events the bench did not write`] : []),
  ];
}

/** The database's side: one succeeded delivery per pair, its id the webhook-id that arrived. */
export async function databaseProblems(
  client: pg.Client,
  eventIds: Set<string>,
  integrationIds: string[],
  first: Map<string, ReceivedDelivery>,
): Promise<{ problems: string[]; retried: number }> {
  const { rows } = await client.query<{
    id: string;
    integration_id: string;
    event_id: string;
    status: string;
    attempts: number;
  }>(
    `SELECT id, integration_id, event_id, status, attempts FROM integration_deliveries
      WHERE event_id = ANY($1::uuid[]) AND integration_id = ANY($2::uuid[])`,
    [[...eventIds], integrationIds],
  );
  const expected = eventIds.size * integrationIds.length;
  const problems: string[] = [];
  if (rows.length !== expected)
    problems.push(`${rows.length} delivery rows for ${expected} (event, integration) pairs`);
  const unfinished = rows.filter((row) => row.status !== "succeeded");
  if (unfinished.length > 0) {
    const states = [...new Set(unfinished.map((row) => row.status))].join(", ");
    problems.push(`${unfinished.length} deliveries not succeeded (${states})`);
  }
  const otherId = rows.filter((row) => {
    const arrived = first.get(pairKey(row.integration_id, row.event_id));
    return arrived !== undefined && arrived.webhookId !== row.id;
  }).length;
  if (otherId > 0) problems.push(`${otherId} deliveries arrived under a webhook-id that is not their delivery id`);
  return { problems, retried: rows.filter((row) => row.attempts > 1).length };
}
