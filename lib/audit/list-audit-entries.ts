import { z } from "zod";
import { decodeCursor, encodeCursor } from "../api/cursor";
import type { Prisma } from "../generated/prisma/client";
import type { TenantTx } from "../db/tenant-transaction";
import { AUDIT_PAGE_SIZE, type AuditFilters } from "./audit-filters";
import { describeAuditEntry } from "./describe-audit-entry";
import { describeUserAgent } from "./describe-user-agent";

export interface AuditEntryView {
  id: string;
  action: string;
  /** The entry as a sentence: "Adam Admin changed Mia Member's role: Member → Viewer". */
  description: string;
  actorEmail: string | null;
  /** The actor's account name, when they have one. */
  actorName: string | null;
  targetType: string;
  targetId: string | null;
  /** For member targets: the account name (null while the invitation is pending) and address. */
  targetName: string | null;
  targetEmail: string | null;
  before: unknown;
  after: unknown;
  ipAddress: string | null;
  /** The raw header, up to 512 characters: for titles and exports only. */
  userAgent: string | null;
  /** The user agent as people read it: "Chrome 131 on macOS". */
  client: string | null;
  createdAt: string;
}

export interface AuditPage {
  entries: AuditEntryView[];
  page: number;
  pageCount: number;
  total: number;
  /** REST: the cursor for the next (older) entries, or null on the last page. */
  next_cursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

/** The rows the filters select (the page is applied by the caller). */
function whereOf(workspaceId: string, filters: AuditFilters): Prisma.AuditLogWhereInput {
  const upper = filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS) : null;
  return {
    workspaceId,
    ...(filters.actor
      ? {
          OR: [
            { actorEmail: { contains: filters.actor, mode: "insensitive" } },
            { actorApiKey: { contains: filters.actor, mode: "insensitive" } },
            { actor: { name: { contains: filters.actor, mode: "insensitive" } } },
          ],
        }
      : {}),
    ...(filters.action ? { action: { startsWith: filters.action } } : {}),
    ...(filters.from || upper
      ? {
          createdAt: {
            ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : {}),
            // The day after 9999-12-31 has no upper bound worth sending.
            ...(upper && upper.getUTCFullYear() <= 9999 ? { lt: upper } : {}),
          },
        }
      : {}),
  };
}

type Row = Prisma.AuditLogGetPayload<object>;
const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];

/**
 * The actors' names and the target members' names and addresses. A target
 * still pending (an invitation) shows only the invited address: nothing
 * about an invitee's account shows before they join.
 */
async function resolvePeople(tx: TenantTx, workspaceId: string, rows: Row[]) {
  const actorIds = unique(rows.map((row) => row.actorUserId));
  const memberIds = unique(rows.map((row) => (row.targetType === "member" ? row.targetId : null))).filter((id) =>
    UUID.test(id),
  );
  // Plain SQL, one statement at a time: Prisma's relation loads overlap on a transaction's connection.
  const actors = actorIds.length
    ? await tx.$queryRaw<{ id: string; name: string | null; joined: boolean }[]>`
        SELECT u.id, u.name, EXISTS (
                 SELECT 1 FROM team_members tm
                  WHERE tm.user_id = u.id AND tm.workspace_id = ${workspaceId}::uuid AND tm.status <> 'pending'
               ) AS joined
          FROM users u WHERE u.id = ANY(${actorIds}::uuid[])`
    : [];
  const members = memberIds.length
    ? await tx.$queryRaw<{ id: string; status: string; name: string | null; email: string }[]>`
        SELECT tm.id, tm.status, u.name, u.email
          FROM team_members tm JOIN users u ON u.id = tm.user_id
         WHERE tm.workspace_id = ${workspaceId}::uuid AND tm.id = ANY(${memberIds}::uuid[])`
    : [];
  return {
    actorName: new Map(actors.map((a) => [a.id, a.joined ? a.name : null])),
    target: new Map(members.map((m) => [m.id, { name: m.status === "pending" ? null : m.name, email: m.email }])),
  };
}

/** Entries newest first, with names resolved and a sentence each (RLS keeps them to this workspace). */
export async function queryAuditEntries(
  tx: TenantTx,
  workspaceId: string,
  filters: AuditFilters,
  range: { skip: number; take: number },
  /** Only entries older than this one (keyset pagination). */
  before: { createdAt: Date; id: string } | null = null,
): Promise<AuditEntryView[]> {
  const where = whereOf(workspaceId, filters);
  const rows = await tx.auditLog.findMany({
    where: before
      ? {
          AND: [
            where,
            {
              OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }],
            },
          ],
        }
      : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: range.skip,
    take: range.take,
  });
  const people = await resolvePeople(tx, workspaceId, rows);
  return rows.map((row) => {
    // An API key that acted is named by its name and prefix, kept with the entry.
    const actorName = row.actorApiKey ?? (row.actorUserId ? (people.actorName.get(row.actorUserId) ?? null) : null);
    const target = (row.targetType === "member" && row.targetId && people.target.get(row.targetId)) || null;
    const actor =
      row.actorUserId || row.actorEmail || row.actorApiKey ? { name: actorName, email: row.actorEmail } : null;
    return {
      id: row.id,
      action: row.action,
      description: describeAuditEntry({
        action: row.action,
        actor,
        targetType: row.targetType,
        target,
        before: row.before,
        after: row.after,
      }),
      actorEmail: row.actorEmail,
      actorName,
      targetType: row.targetType,
      targetId: row.targetId,
      targetName: target?.name ?? null,
      targetEmail: target?.email ?? null,
      before: row.before,
      after: row.after,
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
      client: describeUserAgent(row.userAgent),
      createdAt: row.createdAt.toISOString(),
    };
  });
}

const cursorShape = z.tuple([z.iso.datetime({ offset: true }), z.guid()]);

/**
 * One page of a workspace's audit log, newest first: by `page`, or (REST) by `cursor` — keyset on
 * (created_at, id), so entries written meanwhile neither shift nor repeat what follows.
 */
export async function listAuditEntries(tx: TenantTx, workspaceId: string, filters: AuditFilters): Promise<AuditPage> {
  const size = filters.limit ?? AUDIT_PAGE_SIZE;
  const after = filters.cursor ? decodeCursor(filters.cursor, cursorShape) : null;
  const total = await tx.auditLog.count({ where: whereOf(workspaceId, filters) });
  const entries = await queryAuditEntries(
    tx,
    workspaceId,
    filters,
    after ? { skip: 0, take: size + 1 } : { skip: (filters.page - 1) * size, take: size + 1 },
    after ? { createdAt: new Date(after[0]), id: after[1] } : null,
  );
  const last = entries.length > size ? entries[size - 1]! : null;
  return {
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / size)),
    entries: entries.slice(0, size),
    next_cursor: last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}
