import { ingestRoute, itemsOnly } from "@/lib/access/ingest-route";
import { alertEventSchema } from "@/lib/events/event-schemas";
import { ingestEventsStatement, sameAlertEvent } from "@/lib/events/ingest-events";

/**
 * POST /api/workspaces/{id}/events (API keys with `events:write`): `alert.triggered` / `alert.resolved`,
 * one or `{items: […]}` (up to 1,000), each written to the event outbox once per idempotency key.
 */
export const POST = ingestRoute({
  permission: "events:publish",
  item: alertEventSchema,
  same: sameAlertEvent,
  maxBodyBytes: 6 * 1024 * 1024,
  statement: (workspaceId, batch, caller, guard) =>
    itemsOnly(ingestEventsStatement(workspaceId, batch, caller.label, guard)),
});
