import type { z } from "zod";
import { orderOutcomes, parseBatch, type ItemOutcome, type ParsedBatch } from "../api/batch-items";
import {
  IdempotentReplay,
  idempotentRequestOf,
  priorUseSql,
  recordIdempotentResponse,
  replayedResponse,
} from "../api/idempotency";
import { systemDb } from "../db/prisma";
import type { SqlRead } from "../db/sql-read";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { observedRoute } from "../metrics/observed-route";
import { principalOf } from "./actor";
import { bearerHashOf } from "./bearer-hash";
import type { RouteHandler } from "./define-route";
import { errorResponse, json } from "./define-route";
import type { Permission } from "./permissions";
import { readJsonBody } from "./read-json-body";
import { runWorkspaceStatements } from "./read-workspace";
import { contextFromRequest, type RequestContext } from "./request-context";
import { settle } from "./settled";

export interface IngestDefinition<I extends { idempotencyKey: string }, T> {
  permission: Permission;
  /** One item's schema (a bad item is answered on its own). */
  item: z.ZodType<I>;
  /** Whether two items of one batch with the same idempotency key say the same thing. */
  same: (a: I, b: I) => boolean;
  maxBodyBytes: number;
  /** The one statement that writes the valid items (harmless when the opening bound no workspace). */
  statement: (
    workspaceId: string,
    batch: ParsedBatch<I>,
    caller: CallerSql,
    guard: Prisma.Sql,
    request: RequestContext,
  ) => SqlRead<IngestWrite<T>>;
}

/** What the write answered per item, and what to do once it committed (emails). */
export interface IngestWrite<T> {
  items: ItemOutcome<T>[];
  afterCommit?: () => Promise<void>;
}

/** A write with nothing to do after commit. */
export function itemsOnly<T>(read: SqlRead<ItemOutcome<T>[]>): SqlRead<IngestWrite<T>> {
  return { sql: read.sql, map: (rows) => ({ items: read.map(rows) }) };
}

/** SQL for the calling API key, evaluated inside the transaction (it sees only the bound workspace's keys). */
export interface CallerSql {
  principal: Prisma.Sql;
  label: Prisma.Sql;
}

function callerSql(context: RequestContext): CallerSql {
  const hash = bearerHashOf(context);
  return {
    principal: Prisma.sql`SELECT 'key:' || id::text FROM api_keys WHERE key_hash = ${hash}`,
    label: Prisma.sql`SELECT 'API key "' || name || '" (' || prefix || '…)' FROM api_keys WHERE key_hash = ${hash}`,
  };
}

/**
 * POST /api/workspaces/{id}/usage and …/events (docs/decisions/009-idempotency-etags-and-ingestion.md):
 * one item or `{items: […]}` (up to 1,000), each answered on its own — `recorded` (the first time and
 * on every repeat of the same idempotency key) or `rejected` with why — while the valid items are
 * stored. 200 when every item was recorded, 207 when some were rejected; a single item (no `items`)
 * refused by the plan's usage limit is a 429 `usage_limit_exceeded` with Retry-After
 * (docs/decisions/011-usage-metering.md). The checks and the write go in one round trip (BEGIN, opening
 * statement, [Idempotency-Key lookup,] the write, COMMIT); the write's after-commit step (emails) follows.
 */
export function ingestRoute<I extends { idempotencyKey: string }, T>(
  definition: IngestDefinition<I, T>,
): RouteHandler & { permission: Permission } {
  const route: RouteHandler = async (request, { params }) => {
    const context = contextFromRequest(request);
    try {
      const { workspaceId } = await params;
      // Everything about the input is worked out now and complained about only after the checks
      // (401 → 404 → 403 → 400): only the write itself needs the admitted workspace id.
      const prepared = await settle(async () => {
        const body = await readJsonBody(request, definition.maxBodyBytes);
        const idempotency = idempotentRequestOf(request, body);
        const caller = callerSql(context);
        return {
          idempotency,
          batch: parseBatch(body, definition.item, definition.same),
          caller,
          prior: idempotency ? priorUseSql(caller.principal, idempotency) : null,
        };
      });
      const {
        results,
        workspaceId: admitted,
        actor,
      } = await runWorkspaceStatements(context, workspaceId, definition.permission, (id) => {
        const { batch, caller, prior } = prepared.get();
        const write = definition.statement(id, batch, caller, prior?.unusedGuard ?? Prisma.sql`TRUE`, context);
        return prior ? [prior.read, write] : [write];
      });
      const { idempotency, batch: parsed, prior } = prepared.get();
      prior?.answer(results[0] as never);
      const written = results[results.length - 1] as IngestWrite<T>;
      await written.afterCommit?.();
      const items = orderOutcomes(parsed.size, [...written.items, ...parsed.rejected], parsed.duplicates);
      // One report refused by the plan's limit is the request's error: 429 with Retry-After.
      const only = items[0];
      if (parsed.single && only?.status === "rejected" && only.error.code === "usage_limit_exceeded") {
        throw new AppError("usage_limit_exceeded", only.error.message, {
          retryAfterSeconds: only.error.retryAfterSeconds,
        });
      }
      const rejected = items.filter((item) => item.status === "rejected").length;
      const status = rejected > 0 ? 207 : 200;
      const answer = { data: { items, recorded: items.length - rejected, rejected } };
      if (idempotency) {
        await recordIdempotentResponse(systemDb(), admitted, principalOf(actor), idempotency, { status, body: answer });
      }
      return json(context, answer, status);
    } catch (error) {
      if (error instanceof IdempotentReplay) return replayedResponse(error.response);
      return errorResponse(request, context, error);
    }
  };
  return Object.assign(observedRoute(route), { permission: definition.permission });
}
