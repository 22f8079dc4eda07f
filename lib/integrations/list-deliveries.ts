import { z } from "zod";
import { decodeCursor, encodeCursor } from "../api/cursor";
import { isoOrNull, type SqlRead } from "../db/sql-read";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { DeliveryListQuery } from "./integration-schemas";

export interface DeliveryAttemptView {
  attempt: number;
  attemptedAt: string;
  outcome: "success" | "retryable" | "permanent" | "gone";
  httpStatus: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
  requestId: string | null;
}

export interface DeliveryView {
  /** Also the `webhook-id` receivers see, the same on every attempt. */
  id: string;
  eventId: string | null;
  eventType: string;
  severity: string;
  eventCreatedAt: string;
  status: "pending" | "held" | "succeeded" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
  lastHttpStatus: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /** The latest attempts, newest first (at most 10). */
  attemptLog: DeliveryAttemptView[];
}

const cursorShape = z.tuple([z.string().max(40), z.guid()]);

/** An integration's deliveries, newest first (keyset), each with its latest attempts, in one statement. */
export const integrationIdParam = z.guid({ error: "Not an integration id" });

export function deliveryListRead(
  workspaceId: string,
  integrationId: string,
  query: DeliveryListQuery,
): SqlRead<{ deliveries: DeliveryView[]; next_cursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, cursorShape) : null;
  const keyset = after
    ? Prisma.sql`AND (d.created_at, d.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
    : Prisma.empty;
  const status = query.status ? Prisma.sql`AND d.status = ${query.status}` : Prisma.empty;
  return {
    sql: Prisma.sql`
      WITH integration AS (
        SELECT id FROM integrations_config WHERE workspace_id = ${workspaceId}::uuid AND id = ${integrationId}::uuid)
      SELECT integration.id AS integration_found, d.* FROM integration LEFT JOIN LATERAL (
      SELECT d.id, d.event_id, d.event_type, d.severity, d.event_created_at, d.status, d.attempts, d.next_attempt_at,
             d.last_http_status, d.last_latency_ms, d.last_error, d.created_at, d.delivered_at,
             to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
             COALESCE((SELECT json_agg(json_build_object(
                        'attempt', a.attempt, 'attemptedAt', a.attempted_at, 'outcome', a.outcome,
                        'httpStatus', a.http_status, 'latencyMs', a.latency_ms, 'error', a.error,
                        'responseExcerpt', a.response_excerpt, 'requestId', a.request_id) ORDER BY a.attempted_at DESC)
                         FROM (SELECT * FROM integration_delivery_attempts a
                                WHERE a.delivery_id = d.id ORDER BY a.attempted_at DESC LIMIT 10) a), '[]'::json) AS attempt_log
        FROM integration_deliveries d
       WHERE d.workspace_id = ${workspaceId}::uuid AND d.integration_id = ${integrationId}::uuid ${status} ${keyset}
       ORDER BY d.created_at DESC, d.id DESC
       LIMIT ${query.limit + 1}) d ON true
       ORDER BY d.created_at DESC, d.id DESC`,
    map: (all) => {
      if (all.length === 0) throw new AppError("not_found", "That integration was not found.");
      const rows = all.filter((row) => row.id !== null);
      const page = rows.slice(0, query.limit);
      const last = rows.length > query.limit ? page[page.length - 1] : null;
      return {
        deliveries: page.map((row) => viewOf(row as unknown as Row)),
        next_cursor: last ? encodeCursor([String(last.cursor_at), String(last.id)]) : null,
      };
    },
  };
}

interface Row {
  id: string;
  event_id: string | null;
  event_type: string;
  severity: string;
  event_created_at: Date;
  status: DeliveryView["status"];
  attempts: number;
  next_attempt_at: Date | null;
  last_http_status: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  attempt_log: (Omit<DeliveryAttemptView, "attemptedAt"> & { attemptedAt: string })[] | string;
}

function viewOf(row: Row): DeliveryView {
  const log = typeof row.attempt_log === "string" ? JSON.parse(row.attempt_log) : row.attempt_log;
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    severity: row.severity,
    eventCreatedAt: isoOrNull(row.event_created_at)!,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: isoOrNull(row.next_attempt_at),
    lastHttpStatus: row.last_http_status,
    lastLatencyMs: row.last_latency_ms,
    lastError: row.last_error,
    createdAt: isoOrNull(row.created_at)!,
    deliveredAt: isoOrNull(row.delivered_at),
    attemptLog: (log as DeliveryAttemptView[]).map((a) => ({ ...a, attemptedAt: isoOrNull(a.attemptedAt)! })),
  };
}
