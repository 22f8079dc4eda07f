import type { Prisma } from "../generated/prisma/client";
import type { TenantTx } from "../db/tenant-transaction";
import { redactSecrets } from "../audit/redact";

export { EVENT_TYPES, type EventType, type Severity } from "./event-types";
import type { EventType, Severity } from "./event-types";

/**
 * Writes an event to the transactional outbox in the caller's transaction:
 * it exists exactly when the change that caused it commits.
 */
export async function publishEvent(
  tx: TenantTx,
  workspaceId: string,
  eventType: EventType,
  payload: Record<string, unknown>,
  severity: Severity = "info",
): Promise<void> {
  await tx.eventOutbox.create({
    data: { workspaceId, eventType, severity, payload: redactSecrets(payload) as Prisma.InputJsonValue },
    select: { id: true },
  });
}
