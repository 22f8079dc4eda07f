import { env } from "../../env";
import type { EventType, Severity } from "../../events/event-types";
import type { DeliveryEvent } from "../integration-types";

/** The settings tab an event is about, for the link back in messages. */
function tabOf(type: string): string {
  if (type.startsWith("member.")) return "team";
  if (type.startsWith("billing.") || type.startsWith("usage.")) return "billing";
  return "integrations";
}

/** The workspace's Integrations tab as an absolute URL (emails about failing integrations). */
export const integrationsTabUrl = (workspaceId: string) =>
  `${env.APP_URL.replace(/\/$/, "")}/w/${workspaceId}/settings/integrations`;

/** An outbox event (or a test event) as senders see it. */
export function deliveryEventOf(args: {
  id: string;
  type: EventType;
  severity: Severity;
  workspaceId: string;
  workspaceName: string;
  createdAt: Date;
  payload: Record<string, unknown>;
}): DeliveryEvent {
  return {
    id: args.id,
    type: args.type,
    severity: args.severity,
    workspaceId: args.workspaceId,
    workspaceName: args.workspaceName,
    createdAt: args.createdAt.toISOString(),
    payload: args.payload,
    link: `${env.APP_URL.replace(/\/$/, "")}/w/${args.workspaceId}/settings/${tabOf(args.type)}`,
  };
}
