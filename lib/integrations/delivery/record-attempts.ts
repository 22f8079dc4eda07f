import type { PgBoss } from "pg-boss";
import { queueDeliveryJobs } from "./delivery-queue";
import { applyOutcome, type HealthNotice, type HealthState } from "./health-rules";
import { mayRetry, retryConfigOf, retryDelaySeconds } from "./retry-policy";
import type { SendOutcome } from "./send-outcome";
import type { SqlExecutor } from "./sql-executor";

export interface AttemptResult {
  deliveryId: string;
  workspaceId: string;
  integrationId: string;
  /** The job that worked it: the delivery is changed only if it still names this job. */
  jobId: string | null;
  /** false for "Send test event": one attempt, never retried. */
  retries: boolean;
  /** Attempts before this one. */
  previousAttempts: number;
  retryConfig: unknown;
  outcome: SendOutcome;
  at: Date;
}

interface StateRow {
  id: string;
  name: string;
  is_enabled: boolean;
  consecutive_failures: number;
  health_status: string;
  failing_since: Date | null;
  warned_at_failures: number;
}

export interface IntegrationNotice {
  workspaceId: string;
  integrationId: string;
  integrationName: string;
  notice: HealthNotice;
}

const excerpt = (text: string | null) => (text ? text.slice(0, 2048) : null);

/**
 * Writes a batch of attempts in one transaction (the caller's `db`): the attempt log, each
 * delivery's new state (succeeded; failed; held when its integration was paused; or pending with
 * its next attempt queued as a new job), and each integration's counters, health, failure streak,
 * pause. Answers the notices to email once the transaction committed.
 */
export async function recordAttempts(
  db: SqlExecutor,
  boss: PgBoss | null,
  results: AttemptResult[],
): Promise<IntegrationNotice[]> {
  if (results.length === 0) return [];
  const integrationIds = [...new Set(results.map((r) => r.integrationId))].sort();
  await db.executeSql(
    `INSERT INTO integration_runtime (integration_id, workspace_id)
     SELECT i.id, i.workspace_id FROM integrations_config i WHERE i.id = ANY($1::uuid[])
     ON CONFLICT (integration_id) DO NOTHING`,
    [integrationIds],
  );
  const { rows: states } = await db.executeSql(
    `SELECT i.id, i.name, i.is_enabled, i.consecutive_failures, i.health_status, r.failing_since, r.warned_at_failures
       FROM integrations_config i JOIN integration_runtime r ON r.integration_id = i.id
      WHERE i.id = ANY($1::uuid[])
      ORDER BY i.id
        -- NO KEY UPDATE: it does not conflict with the KEY SHARE locks the dispatcher's inserts of
        -- deliveries take on these rows (their foreign key); FOR UPDATE would deadlock with them.
        FOR NO KEY UPDATE OF i, r`,
    [integrationIds],
  );
  const health = new Map<
    string,
    HealthState & {
      name: string;
      sent: number;
      errors: number;
      lastError: { message: string; at: Date } | null;
      lastSync: Date | null;
      pause: { by: string; reason: string; at: Date } | null;
    }
  >();
  for (const row of states as StateRow[]) {
    health.set(row.id, {
      name: row.name,
      isEnabled: row.is_enabled,
      consecutiveFailures: row.consecutive_failures,
      failingSince: row.failing_since,
      warnedAtFailures: row.warned_at_failures,
      healthStatus: row.health_status,
      sent: 0,
      errors: 0,
      lastError: null,
      lastSync: null,
      pause: null,
    });
  }

  const notices: IntegrationNotice[] = [];
  const attempts: object[] = [];
  const deliveries: object[] = [];
  const retries: { jobId: string; deliveryId: string; startAfter: Date }[] = [];

  for (const result of [...results].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const state = health.get(result.integrationId);
    if (!state) continue; // the integration was deleted meanwhile: its deliveries went with it
    const { outcome, at } = result;
    const attempt = result.previousAttempts + 1;
    attempts.push({
      workspace_id: result.workspaceId,
      integration_id: result.integrationId,
      delivery_id: result.deliveryId,
      attempt,
      attempted_at: at.toISOString(),
      outcome: outcome.kind,
      http_status: outcome.httpStatus,
      latency_ms: Math.round(outcome.latencyMs),
      error: outcome.error,
      response_excerpt: excerpt(outcome.responseExcerpt),
      request_id: outcome.requestId?.slice(0, 200) ?? null,
    });

    const change = applyOutcome(state, outcome, at);
    Object.assign(state, change.state);
    if (change.pause) state.pause = { ...change.pause, at };
    for (const notice of change.notices) {
      notices.push({
        workspaceId: result.workspaceId,
        integrationId: result.integrationId,
        integrationName: state.name,
        notice,
      });
    }
    if (outcome.kind === "success") {
      state.sent += 1;
      state.lastSync = at;
    } else {
      state.errors += 1;
      state.lastError = { message: outcome.error ?? `HTTP ${outcome.httpStatus}`, at };
    }

    let status: string;
    let nextAttemptAt: Date | null = null;
    let jobId: string | null = null;
    if (outcome.kind === "success") status = "succeeded";
    else if (outcome.kind === "gone") status = "held";
    else if (outcome.kind === "permanent" || !result.retries) status = "failed";
    else if (mayRetry(attempt, retryConfigOf(result.retryConfig))) {
      status = "pending";
      const delay = retryDelaySeconds({
        attempts: attempt,
        config: retryConfigOf(result.retryConfig),
        retryAfterSeconds: outcome.retryAfterSeconds,
        throttled: outcome.httpStatus === 429 || /timed out|No answer/i.test(outcome.error ?? ""),
      });
      nextAttemptAt = new Date(at.getTime() + delay * 1000);
      jobId = crypto.randomUUID();
      retries.push({ jobId, deliveryId: result.deliveryId, startAfter: nextAttemptAt });
    } else status = "failed";

    deliveries.push({
      id: result.deliveryId,
      expected_job_id: result.jobId,
      status,
      attempts: attempt,
      next_attempt_at: nextAttemptAt?.toISOString() ?? null,
      job_id: jobId,
      last_http_status: outcome.httpStatus,
      last_latency_ms: Math.round(outcome.latencyMs),
      last_error: outcome.error,
      delivered_at: outcome.kind === "success" ? at.toISOString() : null,
    });
  }

  await db.executeSql(
    `INSERT INTO integration_delivery_attempts
            (workspace_id, integration_id, delivery_id, attempt, attempted_at, outcome, http_status, latency_ms,
             error, response_excerpt, request_id)
     SELECT workspace_id, integration_id, delivery_id, attempt, attempted_at, outcome, http_status, latency_ms,
            error, response_excerpt, request_id
       FROM jsonb_to_recordset($1::jsonb) AS a(workspace_id uuid, integration_id uuid, delivery_id uuid, attempt int,
            attempted_at timestamptz, outcome text, http_status int, latency_ms int, error text,
            response_excerpt text, request_id text)`,
    [JSON.stringify(attempts)],
  );
  // A delivery changes only while it still names the job that worked it (a "Retry now" meanwhile wins).
  const { rows: updated } = await db.executeSql(
    `UPDATE integration_deliveries d
        SET status = x.status, attempts = x.attempts, next_attempt_at = x.next_attempt_at, job_id = x.job_id,
            last_http_status = x.last_http_status, last_latency_ms = x.last_latency_ms, last_error = x.last_error,
            delivered_at = COALESCE(x.delivered_at, d.delivered_at)
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, expected_job_id uuid, status text, attempts int,
            next_attempt_at timestamptz, job_id uuid, last_http_status int, last_latency_ms int, last_error text,
            delivered_at timestamptz)
      WHERE d.id = x.id AND d.job_id IS NOT DISTINCT FROM x.expected_job_id
      RETURNING d.id`,
    [JSON.stringify(deliveries)],
  );
  const stillOurs = new Set((updated as { id: string }[]).map((row) => row.id));
  if (boss)
    await queueDeliveryJobs(
      boss,
      db,
      retries.filter((retry) => stillOurs.has(retry.deliveryId)),
    );

  const integrations = [...health.entries()].map(([id, s]) => ({
    id,
    is_enabled: s.isEnabled,
    consecutive_failures: s.consecutiveFailures,
    health_status: s.healthStatus,
    sent: s.sent,
    errors: s.errors,
    last_sync_at: s.lastSync?.toISOString() ?? null,
    last_error_message: s.lastError?.message ?? null,
    last_error_at: s.lastError?.at.toISOString() ?? null,
    failing_since: s.failingSince?.toISOString() ?? null,
    warned_at_failures: s.warnedAtFailures,
    paused_by: s.pause?.by ?? null,
    paused_reason: s.pause?.reason ?? null,
    paused_at: s.pause?.at.toISOString() ?? null,
  }));
  await db.executeSql(
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, is_enabled boolean, consecutive_failures int,
              health_status text, sent int, errors int, last_sync_at timestamptz, last_error_message text,
              last_error_at timestamptz, failing_since timestamptz, warned_at_failures int, paused_by text,
              paused_reason text, paused_at timestamptz)),
     runtime AS (
       UPDATE integration_runtime r
          SET failing_since = x.failing_since, warned_at_failures = x.warned_at_failures,
              paused_by = COALESCE(x.paused_by, r.paused_by), paused_reason = COALESCE(x.paused_reason, r.paused_reason),
              paused_at = COALESCE(x.paused_at, r.paused_at)
         FROM x WHERE r.integration_id = x.id)
     UPDATE integrations_config i
        SET is_enabled = x.is_enabled, consecutive_failures = x.consecutive_failures, health_status = x.health_status,
            total_events_sent = i.total_events_sent + x.sent, total_errors = i.total_errors + x.errors,
            last_sync_at = COALESCE(x.last_sync_at, i.last_sync_at),
            last_error_message = COALESCE(x.last_error_message, i.last_error_message),
            last_error_at = COALESCE(x.last_error_at, i.last_error_at)
       FROM x WHERE i.id = x.id`,
    [JSON.stringify(integrations)],
  );
  const paused = [...health.entries()].filter(([, s]) => s.pause);
  if (paused.length) {
    // The engine turned these off: the audit log says so, with why (no actor: the system did it).
    await db.executeSql(
      `INSERT INTO audit_log (workspace_id, action, target_type, target_id, after)
       SELECT i.workspace_id, x.action, 'integration', i.id::text, jsonb_build_object('name', i.name, 'reason', x.reason)
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, action text, reason text)
         JOIN integrations_config i ON i.id = x.id`,
      [
        JSON.stringify(
          paused.map(([id, s]) => ({
            id,
            action: s.pause!.by === "gone" ? "integration.paused" : "integration.auto_disabled",
            reason: s.pause!.reason,
          })),
        ),
      ],
    );
  }
  return notices;
}
