// No Node.js or server imports: the integration forms import these.

/** The events the platform publishes (docs/integrations.md lists what each carries). */
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

/** Severity order: info < warning < error < critical. */
export const SEVERITY_ORDER: readonly Severity[] = ["info", "warning", "error", "critical"];
