import { z } from "zod";
import { decodeCursor, encodeCursor } from "../api/cursor";
import { pageQueryShape } from "../api/page-query";
import { isoOrNull, runRead, type SqlRead } from "../db/sql-read";
import type { TenantTx } from "../db/tenant-transaction";
import { Prisma } from "../generated/prisma/client";
import { destinationOf } from "./integration-record";

export interface IntegrationView {
  id: string;
  type: string;
  name: string;
  isEnabled: boolean;
  healthStatus: "healthy" | "degraded" | "unhealthy" | "unknown";
  /** The last health check's verdict in words, or why it was skipped. */
  healthDetail: string | null;
  lastHealthCheckAt: string | null;
  lastErrorMessage: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  totalEventsSent: number;
  totalErrors: number;
  /** Where it delivers, without a secret: "#alerts (hooks.slack.com)", "hooks.acme.example". */
  destination: string;
  /** Non-secret settings; URLs with their query string masked. */
  settings: Record<string, unknown>;
  eventFilters: { event_types: string[]; min_severity: string };
  rateLimitPerMinute: number;
  retryConfig: { max_retries: number; backoff_seconds: number };
  /** Whether a secret is stored, and a masked hint of it ("whsec_…a1b2"); the secret never leaves the server. */
  hasCredentials: boolean;
  secretHint: string | null;
  /** Why it is off, when the engine or someone turned it off. */
  paused: { by: "user" | "gone" | "failures"; reason: string | null; at: string | null } | null;
  /** The last delivery attempt. */
  lastDeliveryAt: string | null;
  /** Over the last 24 hours: attempts, failed attempts, error rate (0–1) and p95 latency (ms). */
  last24h: { attempts: number; failures: number; errorRate: number | null; p95LatencyMs: number | null };
  createdAt: string;
}

const COLUMNS = Prisma.sql`
  i.id, i.integration_type, i.name, i.is_enabled, i.health_status, i.last_health_check_at, i.last_error_message,
  i.last_error_at, i.consecutive_failures, i.total_events_sent, i.total_errors, i.config, i.event_filters,
  i.rate_limit_per_minute, i.retry_config, i.created_at, i.credentials_encrypted IS NOT NULL AS has_credentials,
  r.secret_hint, r.health_detail, r.paused_by, r.paused_reason, r.paused_at,
  s.attempts, s.failures, s.p95, s.last_attempt_at`;

const JOINS = Prisma.sql`
  LEFT JOIN integration_runtime r ON r.integration_id = i.id
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS attempts, count(*) FILTER (WHERE a.outcome <> 'success')::int AS failures,
           percentile_disc(0.95) WITHIN GROUP (ORDER BY a.latency_ms) AS p95,
           max(a.attempted_at) AS last_attempt_at
      FROM integration_delivery_attempts a
     WHERE a.integration_id = i.id AND a.attempted_at > now() - interval '24 hours') s ON true`;

/** The workspace's integrations for the tab, unhealthy ones first, without secrets, in one statement. */
export function integrationsRead(workspaceId: string): SqlRead<IntegrationView[]> {
  return {
    sql: Prisma.sql`
      SELECT ${COLUMNS}
        FROM integrations_config i ${JOINS}
       WHERE i.workspace_id = ${workspaceId}::uuid
       ORDER BY CASE WHEN r.paused_by IN ('gone', 'failures') THEN 0 ELSE 1 END,
                CASE i.health_status WHEN 'unhealthy' THEN 0 WHEN 'degraded' THEN 1 WHEN 'unknown' THEN 2 ELSE 3 END,
                i.integration_type, i.name
       LIMIT 200`,
    map: (rows) => rows.map((row) => viewOf(row as unknown as Row)),
  };
}

/** One integration of the workspace, or null. */
export function integrationRead(workspaceId: string, integrationId: string): SqlRead<IntegrationView | null> {
  return {
    sql: Prisma.sql`
      SELECT ${COLUMNS} FROM integrations_config i ${JOINS}
       WHERE i.workspace_id = ${workspaceId}::uuid AND i.id = ${integrationId}::uuid`,
    map: (rows) => (rows[0] ? viewOf(rows[0] as unknown as Row) : null),
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
    ? Prisma.sql`AND (i.integration_type, i.name, i.id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)`
    : Prisma.empty;
  return {
    sql: Prisma.sql`
      SELECT ${COLUMNS}
        FROM integrations_config i ${JOINS}
       WHERE i.workspace_id = ${workspaceId}::uuid ${keyset}
       ORDER BY i.integration_type, i.name, i.id
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
  last_error_at: Date | null;
  consecutive_failures: number;
  total_events_sent: unknown;
  total_errors: unknown;
  config: Record<string, unknown> | null;
  event_filters: { event_types?: string[]; min_severity?: string } | null;
  rate_limit_per_minute: number;
  retry_config: { max_retries?: number; backoff_seconds?: number } | null;
  created_at: Date;
  has_credentials: boolean;
  secret_hint: string | null;
  health_detail: string | null;
  paused_by: "user" | "gone" | "failures" | null;
  paused_reason: string | null;
  paused_at: Date | null;
  attempts: number | null;
  failures: number | null;
  p95: number | null;
  last_attempt_at: Date | null;
}

/** A URL with its query string and fragment masked (they can carry tokens). */
function maskedUrl(value: unknown): unknown {
  if (typeof value !== "string" || !URL.canParse(value)) return value;
  const url = new URL(value);
  return `${url.origin}${url.pathname}${url.search ? "?…" : ""}`;
}

function settingsOf(config: Record<string, unknown>): Record<string, unknown> {
  return { ...config, ...("url" in config ? { url: maskedUrl(config.url) } : {}) };
}

function viewOf(row: Row): IntegrationView {
  const config = row.config ?? {};
  const attempts = row.attempts ?? 0;
  const failures = row.failures ?? 0;
  return {
    id: row.id,
    type: row.integration_type,
    name: row.name,
    isEnabled: row.is_enabled,
    healthStatus: row.health_status as IntegrationView["healthStatus"],
    healthDetail: row.health_detail,
    lastHealthCheckAt: isoOrNull(row.last_health_check_at),
    lastErrorMessage: row.last_error_message,
    lastErrorAt: isoOrNull(row.last_error_at),
    consecutiveFailures: row.consecutive_failures,
    totalEventsSent: Number(row.total_events_sent),
    totalErrors: Number(row.total_errors),
    destination: destinationOf(row.integration_type, config, row.secret_hint),
    settings: settingsOf(config),
    eventFilters: {
      event_types: row.event_filters?.event_types ?? [],
      min_severity: row.event_filters?.min_severity ?? "info",
    },
    rateLimitPerMinute: row.rate_limit_per_minute,
    retryConfig: {
      max_retries: row.retry_config?.max_retries ?? 3,
      backoff_seconds: row.retry_config?.backoff_seconds ?? 30,
    },
    hasCredentials: row.has_credentials,
    secretHint: row.secret_hint,
    paused:
      row.is_enabled || !row.paused_by
        ? null
        : { by: row.paused_by, reason: row.paused_reason, at: isoOrNull(row.paused_at) },
    lastDeliveryAt: isoOrNull(row.last_attempt_at),
    last24h: {
      attempts,
      failures,
      errorRate: attempts ? failures / attempts : null,
      p95LatencyMs: row.p95 === null ? null : Number(row.p95),
    },
    createdAt: isoOrNull(row.created_at)!,
  };
}
