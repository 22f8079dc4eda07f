import type {
  DeliveryEvent,
  DeliveryTarget,
  IntegrationSecrets,
  IntegrationSettings,
  IntegrationType,
} from "../integrations/integration-types";

export const TEST_WORKSPACE_ID = "00000000-0000-4000-8000-00000000a001";

/** An outbox event as senders see it; an alert by default. */
export function deliveryEvent(overrides: Partial<DeliveryEvent> = {}): DeliveryEvent {
  return {
    id: "30000000-0000-4000-8000-000000000001",
    type: "alert.triggered",
    severity: "error",
    workspaceId: TEST_WORKSPACE_ID,
    workspaceName: "Acme Agents",
    createdAt: "2026-03-01T12:00:00.000Z",
    payload: { alertId: "alert-42", title: "Error rate above 5%", details: "checkout-agent: 7.2% of runs failed" },
    link: "https://app.example.com/w/acme/alerts",
    ...overrides,
  };
}

/** An integration of `type`, decrypted, ready to send to. */
export function deliveryTarget<T extends IntegrationType>(
  type: T,
  settings: IntegrationSettings[T],
  secrets: IntegrationSecrets[T],
): DeliveryTarget<T> {
  return {
    integrationId: "20000000-0000-4000-8000-000000000001",
    workspaceId: TEST_WORKSPACE_ID,
    type,
    name: `Test ${type}`,
    settings,
    secrets,
  };
}
