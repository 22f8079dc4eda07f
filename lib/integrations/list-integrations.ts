import { z } from "zod";
import { decodeCursor, encodeCursor } from "../api/cursor";
import { pageQueryShape } from "../api/page-query";
import { isoOrNull, runRead, type SqlRead } from "../db/sql-read";
import type { TenantTx } from "../db/tenant-transaction";
import { Prisma } from "../generated/prisma/client";

export interface IntegrationView {
  id: string;
  type: string;
  name: string;
  isEnabled: boolean;
  healthStatus: "healthy" | "degraded" | "unhealthy" | "unknown";
  lastHealthCheckAt: string | null;
  lastErrorMessage: string | null;
  totalEventsSent: number;
  totalErrors: number;
  /** Whether a secret is stored; the secret itself never leaves the server. */
  hasCredentials: boolean;
}

/** The workspace's integrations, without secrets, in one statement. */
export function integrationsRead(workspaceId: string): SqlRead<IntegrationView[]> {
  return {
    sql: Prisma.sql`
      SELECT id, integration_type, name, is_enabled, health_status, last_health_check_at, last_error_message,
             total_events_sent, total_errors, credentials_encrypted IS NOT NULL AS has_credentials
        FROM integrations_config
       WHERE workspace_id = ${workspaceId}::uuid
       ORDER BY integration_type, name
       LIMIT 200`,
    map: (rows) => rows.map((row) => viewOf(row as unknown as Row)),
  };
}

export const integrationListQuerySchema = z.object(pageQueryShape).strict();
export type IntegrationListQuery = z.infer<typeof integrationListQuerySchema>;

const integrationCursorShape = z.tuple([z.string().max(20), z.string().max(100), z.guid()]);

/** GET /api/workspaces/{id}/integrations: one page, by type and name (keyset), without secrets. */
export function integrationListRead(
  workspaceId: string,
  query: IntegrationListQuery,
): SqlRead<{ integrations: IntegrationView[]; next_cursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, integrationCursorShape) : null;
  const keyset = after
    ? Prisma.sql`AND (integration_type, name, id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)`
    : Prisma.empty;
  return {
    sql: Prisma.sql`
      SELECT id, integration_type, name, is_enabled, health_status, last_health_check_at, last_error_message,
             total_events_sent, total_errors, credentials_encrypted IS NOT NULL AS has_credentials
        FROM integrations_config
       WHERE workspace_id = ${workspaceId}::uuid ${keyset}
       ORDER BY integration_type, name, id
       LIMIT ${query.limit + 1}`,
    map: (rows) => {
      const page = rows.slice(0, query.limit).map((row) => viewOf(row as unknown as Row));
      const last = rows.length > query.limit ? page[page.length - 1]! : null;
      return { integrations: page, next_cursor: last ? encodeCursor([last.type, last.name, last.id]) : null };
    },
  };
}

/** The workspace's integrations inside a transaction already bound to it. */
export function listIntegrations(tx: TenantTx, workspaceId: string): Promise<IntegrationView[]> {
  return runRead(tx, integrationsRead(workspaceId));
}

interface Row {
  id: string;
  integration_type: string;
  name: string;
  is_enabled: boolean;
  health_status: string;
  last_health_check_at: Date | null;
  last_error_message: string | null;
  total_events_sent: unknown;
  total_errors: unknown;
  has_credentials: boolean;
}

function viewOf(row: Row): IntegrationView {
  return {
    id: row.id,
    type: row.integration_type,
    name: row.name,
    isEnabled: row.is_enabled,
    healthStatus: row.health_status as IntegrationView["healthStatus"],
    lastHealthCheckAt: isoOrNull(row.last_health_check_at),
    lastErrorMessage: row.last_error_message,
    totalEventsSent: Number(row.total_events_sent),
    totalErrors: Number(row.total_errors),
    hasCredentials: row.has_credentials,
  };
}
