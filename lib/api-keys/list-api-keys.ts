import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { decodeCursor, encodeCursor } from "../api/cursor";
import { isoOrNull, type SqlRead } from "../db/sql-read";
import type { KeyScope } from "../access/permissions";
import type { ApiKeyListQuery } from "./api-key-schemas";

/** A key as lists and the API show it: never the secret, never its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** `obs_live_ab12`: shown as `obs_live_ab12…`. */
  prefix: string;
  scopes: KeyScope[];
  createdBy: { name: string | null; email: string } | null;
  createdAt: string;
  /** Written at most once a minute. */
  lastUsedAt: string | null;
  expiresAt: string | null;
  status: "active" | "expired";
}

export interface ApiKeyPage {
  keys: ApiKeyView[];
  next_cursor: string | null;
}

/** What the tab shows beside the list: the plan's limit and how many keys count against it. */
export interface ApiKeyAllowance {
  planType: string;
  limit: number | null;
  current: number;
}

const cursorShape = z.tuple([z.iso.datetime({ offset: true }), z.guid()]);

const KEY_COLUMNS = Prisma.sql`json_build_object(
    'id', k.id, 'name', k.name, 'prefix', k.prefix, 'scopes', k.scopes,
    'createdBy', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('name', u.name, 'email', u.email) END,
    'createdAt', k.created_at, 'lastUsedAt', k.last_used_at, 'expiresAt', k.expires_at,
    'status', CASE WHEN k.expires_at IS NOT NULL AND k.expires_at <= now() THEN 'expired' ELSE 'active' END)`;

export function toApiKeyView(row: Record<string, unknown>): ApiKeyView {
  return {
    id: String(row.id),
    name: String(row.name),
    prefix: String(row.prefix),
    scopes: row.scopes as KeyScope[],
    createdBy: (row.createdBy as ApiKeyView["createdBy"]) ?? null,
    createdAt: isoOrNull(row.createdAt)!,
    lastUsedAt: isoOrNull(row.lastUsedAt),
    expiresAt: isoOrNull(row.expiresAt),
    status: row.status === "expired" ? "expired" : "active",
  };
}

/** The workspace's keys that are not revoked, newest first, one page (keyset on created_at, id). */
export function apiKeyListRead(workspaceId: string, query: ApiKeyListQuery): SqlRead<ApiKeyPage> {
  const after = query.cursor ? decodeCursor(query.cursor, cursorShape) : null;
  const keyset = after
    ? Prisma.sql`AND (k.created_at, k.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
    : Prisma.empty;
  return {
    sql: Prisma.sql`
      SELECT ${KEY_COLUMNS} AS key, k.created_at AS sort_at
        FROM api_keys k LEFT JOIN users u ON u.id = k.created_by
       WHERE k.workspace_id = ${workspaceId}::uuid AND k.revoked_at IS NULL ${keyset}
       ORDER BY k.created_at DESC, k.id DESC
       LIMIT ${query.limit + 1}`,
    map: (rows) => {
      const keys = rows.slice(0, query.limit).map((row) => toApiKeyView(row.key as Record<string, unknown>));
      const last = rows.length > query.limit ? rows[query.limit - 1] : null;
      return {
        keys,
        next_cursor: last ? encodeCursor([isoOrNull(last.sort_at)!, keys[keys.length - 1]!.id]) : null,
      };
    },
  };
}

/** The API keys tab: the first page of keys and the plan's allowance, in one statement. */
export function apiKeysPageRead(
  workspaceId: string,
): SqlRead<{ keys: ApiKeyView[]; next_cursor: string | null; allowance: ApiKeyAllowance }> {
  const list = apiKeyListRead(workspaceId, { limit: 100 });
  return {
    sql: Prisma.sql`
      SELECT (SELECT coalesce(json_agg(l.key ORDER BY l.sort_at DESC, (l.key->>'id') DESC), '[]'::json)
                FROM (${list.sql}) l) AS keys,
             b.plan_type, b.api_keys_limit, b.api_keys_current
        FROM billing_config b WHERE b.workspace_id = ${workspaceId}::uuid`,
    map: (rows) => {
      const row = rows[0] ?? {};
      const all = ((row.keys as Record<string, unknown>[] | undefined) ?? []).slice(0, 100).map(toApiKeyView);
      return {
        keys: all,
        next_cursor: null,
        allowance: {
          planType: String(row.plan_type ?? "free"),
          limit: row.api_keys_limit == null ? null : Number(row.api_keys_limit),
          current: Number(row.api_keys_current ?? 0),
        },
      };
    },
  };
}
