import { createHash } from "node:crypto";
import type { Db } from "../db/prisma";
import type { TenantTx } from "../db/tenant-transaction";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import { jsonResponse } from "./json-response";

/**
 * `Idempotency-Key` on POST (docs/decisions/009-idempotency-etags-and-ingestion.md): the first
 * successful response is stored for 24 hours and a repeat by the same caller gets it back
 * (`Idempotent-Replayed: true`) without doing anything again. The key is claimed in the request's own
 * transaction, so it exists exactly when the work committed; a concurrent repeat waits for that
 * commit. A failed request stores nothing: repeating it runs it again.
 */
export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  key: string;
  /** Method and path. */
  route: string;
  /** SHA-256 of method, path and body: the same key with another request is refused. */
  requestHash: string;
}

/** A stored response to send again. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** The request's Idempotency-Key, or null without one; a malformed one is a 400. */
export function idempotentRequestOf(request: Request, body: unknown): IdempotentRequest | null {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (!KEY_SHAPE.test(key)) {
    throw new AppError("invalid_input", "Some fields need attention.", {
      fieldErrors: { "Idempotency-Key": ["Use 1 to 255 printable ASCII characters without spaces, e.g. a UUID."] },
    });
  }
  const route = `${request.method} ${new URL(request.url).pathname}`.slice(0, 255);
  const requestHash = createHash("sha256")
    .update(`${route}\n${JSON.stringify(body ?? null)}`)
    .digest("hex");
  return { key, route, requestHash };
}

const reused = () =>
  new AppError(
    "conflict",
    "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
  );
const inProgress = () =>
  new AppError(
    "conflict",
    "A request with this Idempotency-Key is still being processed. Repeat it in a moment to get its response.",
    { retryAfterSeconds: 1 },
  );

/** Thrown to stop the work when the key already has a response; the route sends `response` instead. */
export class IdempotentReplay extends AppError {
  constructor(readonly response: StoredResponse) {
    super("conflict", "This request was already answered.");
  }
}

interface PriorRow {
  route: string;
  request_hash: string;
  status_code: number | null;
  response: unknown;
  created_at: Date;
}

function answerFromPrior(prior: PriorRow | undefined, request: IdempotentRequest): never {
  if (!prior || prior.request_hash !== request.requestHash) throw reused();
  if (prior.status_code === null) throw inProgress();
  throw new IdempotentReplay({ status: prior.status_code, body: prior.response });
}

/**
 * Claims the key inside the request's transaction (tenant-bound), or throws: `IdempotentReplay` when
 * the same request was answered before, a 409 when the key belongs to another request or is in progress.
 */
export async function claimIdempotencyKey(
  tx: TenantTx | Db,
  workspaceId: string | null,
  principal: string,
  request: IdempotentRequest,
): Promise<void> {
  // An expired claim of this caller is dropped first (the job prunes the rest; see lib/api/prune-idempotency-keys.ts).
  await tx.$executeRaw`
    DELETE FROM idempotency_keys
     WHERE principal = ${principal} AND key = ${request.key}
       AND created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`;
  const claimed = await tx.$queryRaw<{ claimed: number }[]>`
    INSERT INTO idempotency_keys (workspace_id, principal, key, route, request_hash)
    VALUES (${workspaceId}::uuid, ${principal}, ${request.key}, ${request.route}, ${request.requestHash})
    ON CONFLICT (principal, key) DO NOTHING
    RETURNING 1 AS claimed`;
  if (claimed.length > 0) return;
  const [prior] = await tx.$queryRaw<PriorRow[]>`
    SELECT route, request_hash, status_code, response, created_at FROM idempotency_keys
     WHERE principal = ${principal} AND key = ${request.key}`;
  answerFromPrior(prior, request);
}

/** Stores the response of a claimed key (after the work committed and its after-commit step ran). */
export async function storeIdempotentResponse(
  db: Db,
  principal: string,
  request: IdempotentRequest,
  response: StoredResponse,
  workspaceId?: string,
): Promise<void> {
  await db.$executeRaw`
    UPDATE idempotency_keys
       SET status_code = ${response.status}, response = ${JSON.stringify(response.body)}::jsonb,
           workspace_id = coalesce(workspace_id, ${workspaceId ?? null}::uuid)
     WHERE principal = ${principal} AND key = ${request.key} AND request_hash = ${request.requestHash}`;
}

/** Gives a claim made outside a transaction back when the work failed (so a repeat runs it again). */
export async function releaseIdempotencyKey(db: Db, principal: string, request: IdempotentRequest): Promise<void> {
  await db.$executeRaw`
    DELETE FROM idempotency_keys
     WHERE principal = ${principal} AND key = ${request.key} AND status_code IS NULL`;
}

/**
 * For one-statement writes (the ingestion routes): SQL that finds this caller's prior use of the key,
 * and a guard that is true only when there was none, so the write does nothing on a repeat.
 */
export function priorUseSql(principal: Prisma.Sql, request: IdempotentRequest) {
  const match = Prisma.sql`principal = (${principal}) AND key = ${request.key}
    AND created_at >= now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`;
  return {
    read: {
      sql: Prisma.sql`SELECT route, request_hash, status_code, response, created_at FROM idempotency_keys WHERE ${match}`,
      map: (rows: Record<string, unknown>[]) => (rows[0] as PriorRow | undefined) ?? null,
    },
    unusedGuard: Prisma.sql`NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE ${match})`,
    /** Throws the replay or the refusal when the key was used before. */
    answer: (prior: PriorRow | null) => {
      if (prior) answerFromPrior(prior, request);
    },
  };
}

/** Stores a one-statement write's response under the key, unless a concurrent repeat stored one first. */
export async function recordIdempotentResponse(
  db: Db,
  workspaceId: string,
  principal: string,
  request: IdempotentRequest,
  response: StoredResponse,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO idempotency_keys (workspace_id, principal, key, route, request_hash, status_code, response)
    VALUES (${workspaceId}::uuid, ${principal}, ${request.key}, ${request.route}, ${request.requestHash},
            ${response.status}, ${JSON.stringify(response.body)}::jsonb)
    ON CONFLICT (principal, key) DO NOTHING`;
}

/** A stored response, sent again. */
export function replayedResponse(stored: StoredResponse): Response {
  return jsonResponse(stored.body, { status: stored.status, headers: { "Idempotent-Replayed": "true" } });
}
