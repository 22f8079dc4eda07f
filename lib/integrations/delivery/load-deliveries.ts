import type { EventType, Severity } from "../../events/event-types";
import type { SqlExecutor } from "./sql-executor";

/** A delivery with what sending it needs: its integration (still encrypted) and its event. */
export interface LoadedDelivery {
  id: string;
  workspaceId: string;
  integrationId: string;
  eventId: string | null;
  eventType: EventType;
  severity: Severity;
  eventCreatedAt: Date;
  status: string;
  attempts: number;
  jobId: string | null;
  integration: {
    type: string;
    name: string;
    isEnabled: boolean;
    config: Record<string, unknown>;
    credentialsEncrypted: string | null;
    rateLimitPerMinute: number;
    retryConfig: unknown;
    updatedAt: Date;
  };
  payload: Record<string, unknown>;
  workspaceName: string;
}

interface DeliveryRow {
  id: string;
  workspace_id: string;
  integration_id: string;
  event_id: string | null;
  event_type: EventType;
  severity: Severity;
  event_created_at: Date;
  status: string;
  attempts: number;
  job_id: string | null;
  integration_type: string;
  name: string;
  is_enabled: boolean;
  config: Record<string, unknown>;
  credentials_encrypted: string | null;
  rate_limit_per_minute: number;
  retry_config: unknown;
  updated_at: Date;
  payload: Record<string, unknown>;
  workspace_name: string;
}

/** The deliveries with these ids, in one statement. */
export async function loadDeliveries(db: SqlExecutor, ids: string[]): Promise<LoadedDelivery[]> {
  const { rows } = await db.executeSql(
    `SELECT d.id, d.workspace_id, d.integration_id, d.event_id, d.event_type, d.severity, d.event_created_at,
            d.status, d.attempts, d.job_id,
            i.integration_type, i.name, i.is_enabled, i.config, i.credentials_encrypted, i.rate_limit_per_minute,
            i.retry_config, i.updated_at, COALESCE(e.payload, '{}'::jsonb) AS payload, w.name AS workspace_name
       FROM integration_deliveries d
       JOIN integrations_config i ON i.id = d.integration_id
       JOIN workspaces w ON w.id = d.workspace_id
       LEFT JOIN event_outbox e ON e.id = d.event_id
      WHERE d.id = ANY($1::uuid[])`,
    [ids],
  );
  return (rows as DeliveryRow[]).map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    integrationId: row.integration_id,
    eventId: row.event_id,
    eventType: row.event_type,
    severity: row.severity,
    eventCreatedAt: row.event_created_at,
    status: row.status,
    attempts: row.attempts,
    jobId: row.job_id,
    integration: {
      type: row.integration_type,
      name: row.name,
      isEnabled: row.is_enabled,
      config: row.config,
      credentialsEncrypted: row.credentials_encrypted,
      rateLimitPerMinute: row.rate_limit_per_minute,
      retryConfig: row.retry_config,
      updatedAt: row.updated_at,
    },
    payload: row.payload,
    workspaceName: row.workspace_name,
  }));
}
