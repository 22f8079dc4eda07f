import { openSecrets } from "../integration-credentials";
import type { DeliveryTarget, IntegrationType } from "../integration-types";

const cache = new Map<string, { version: number; target: DeliveryTarget }>();
const MAX_CACHED = 1000;

/**
 * The integration decrypted, ready to send to. Workers cache it per integration until the row
 * changes (`updated_at`), so a burst decrypts each integration's secrets once.
 */
export function deliveryTargetOf(row: {
  integrationId: string;
  workspaceId: string;
  type: string;
  name: string;
  config: Record<string, unknown>;
  credentialsEncrypted: string | null;
  updatedAt: Date;
}): DeliveryTarget {
  const version = row.updatedAt.getTime();
  const hit = cache.get(row.integrationId);
  if (hit && hit.version === version) return hit.target;
  const target: DeliveryTarget = {
    integrationId: row.integrationId,
    workspaceId: row.workspaceId,
    type: row.type as IntegrationType,
    name: row.name,
    settings: row.config as never,
    secrets: openSecrets(row.credentialsEncrypted, {
      workspaceId: row.workspaceId,
      integrationId: row.integrationId,
    }) as never,
  };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(row.integrationId, { version, target });
  return target;
}
