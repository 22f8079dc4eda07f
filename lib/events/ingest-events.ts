import { Prisma } from "../generated/prisma/client";
import { rejectedItem, type ItemOutcome, type ParsedBatch } from "../api/batch-items";
import type { SqlRead } from "../db/sql-read";
import type { AlertEvent } from "./event-schemas";

/** What an accepted event answers, the first time and every repeat. */
export interface AcceptedEvent {
  eventId: string;
}

const payloadOf = (event: AlertEvent) => ({
  alertId: event.alertId,
  title: event.title,
  ...(event.details === undefined ? {} : { details: event.details }),
  occurredAt: event.occurredAt ?? null,
});

/**
 * Writes alert events to the transactional outbox in ONE statement, once per idempotency key (the
 * Integrations delivery engine reads them from there). Runs behind the chokepoint's opening
 * statement in one round trip; for a refused caller `input` is empty and nothing is written.
 * A repeat with the same key and the same event answers the same event id; with another event under
 * the same key, the item is rejected and nothing changes.
 */
export function ingestEventsStatement(
  workspaceId: string,
  batch: ParsedBatch<AlertEvent>,
  /** SQL for who published (the key's name and prefix), stored in the payload as `source`. */
  source: Prisma.Sql,
  guard: Prisma.Sql = Prisma.sql`TRUE`,
): SqlRead<ItemOutcome<AcceptedEvent>[]> {
  const items = batch.valid.map(({ index, item }) => ({
    ord: index,
    key: item.idempotencyKey,
    type: item.type,
    severity: item.severity,
    payload: payloadOf(item),
  }));
  return {
    sql: Prisma.sql`
      WITH input AS (
        SELECT i.ord, i.key, i.type, i.severity, i.payload || jsonb_build_object('source', (${source})) AS payload
          FROM json_to_recordset(${JSON.stringify(items)}::json) AS i(ord int, key text, type text, severity text, payload jsonb)
         WHERE NULLIF(current_setting('app.workspace_id', true), '')::uuid = ${workspaceId}::uuid AND (${guard})
      ), inserted AS (
        INSERT INTO event_outbox (workspace_id, event_type, severity, payload, idempotency_key)
        SELECT ${workspaceId}::uuid, i.type, i.severity, i.payload, i.key FROM input i ORDER BY i.ord
        ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
        RETURNING id, idempotency_key
      )
      SELECT i.ord, i.key, n.id AS new_id, e.id AS old_id,
             (e.event_type = i.type AND e.severity = i.severity
              AND (e.payload - 'source') = (i.payload - 'source')) AS same
        FROM input i
        LEFT JOIN inserted n ON n.idempotency_key = i.key
        LEFT JOIN event_outbox e ON e.workspace_id = ${workspaceId}::uuid AND e.idempotency_key = i.key
       ORDER BY i.ord`,
    map: (rows) =>
      rows.map((row): ItemOutcome<AcceptedEvent> => {
        const index = Number(row.ord);
        const idempotencyKey = String(row.key);
        if (row.new_id) return { index, idempotencyKey, status: "recorded", eventId: String(row.new_id) };
        if (!row.old_id) {
          return rejectedItem(
            index,
            idempotencyKey,
            "An event with this idempotencyKey was being published at the same moment; repeat the request to see its outcome.",
          );
        }
        if (!row.same) {
          return rejectedItem(
            index,
            idempotencyKey,
            "This idempotencyKey was already used for a different event; nothing was changed.",
          );
        }
        return { index, idempotencyKey, status: "recorded", eventId: String(row.old_id) };
      }),
  };
}

/** Two events of one batch are the same when they say the same thing. */
export const sameAlertEvent = (a: AlertEvent, b: AlertEvent) => JSON.stringify(a) === JSON.stringify(b);
