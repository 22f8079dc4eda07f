import type { Prisma } from "../generated/prisma/client";
import type { TenantTx } from "../db/tenant-transaction";
import { redactSecrets } from "../audit/redact";

export const EVENT_TYPES = [
  "alert.triggered",
  "alert.resolved",
  "usage.threshold_reached",
  "usage.limit_exceeded",
  "billing.payment_failed",
  "billing.plan_changed",
  "billing.trial_ending",
  "member.invited",
  "member.joined",
  "member.removed",
  "member.role_changed",
  "integration.test",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type Severity = "info" | "warning" | "error" | "critical";

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
