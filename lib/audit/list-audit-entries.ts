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
  const [actors, members] = await Promise.all([
    actorIds.length
      ? tx.user.findMany({
          where: { id: { in: actorIds } },
          select: {
            id: true,
            name: true,
            memberships: { where: { workspaceId, status: { not: "pending" } }, select: { id: true }, take: 1 },
          },
        })
      : [],
    memberIds.length
      ? tx.teamMember.findMany({
          where: { workspaceId, id: { in: memberIds } },
          select: { id: true, status: true, user: { select: { name: true, email: true } } },
        })
      : [],
  ]);
  return {
    actorName: new Map(actors.map((a) => [a.id, a.memberships.length > 0 ? a.name : null])),
    target: new Map(
      members.map((m) => [m.id, { name: m.status === "pending" ? null : m.user.name, email: m.user.email }]),
    ),
  };
}

/** Entries newest first, with names resolved and a sentence each (RLS keeps them to this workspace). */
export async function queryAuditEntries(
  tx: TenantTx,
  workspaceId: string,
  filters: AuditFilters,
  range: { skip: number; take: number },
): Promise<AuditEntryView[]> {
  const rows = await tx.auditLog.findMany({
    where: whereOf(workspaceId, filters),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: range.skip,
    take: range.take,
  });
  const people = await resolvePeople(tx, workspaceId, rows);
  return rows.map((row) => {
    const actorName = row.actorUserId ? (people.actorName.get(row.actorUserId) ?? null) : null;
    const target = (row.targetType === "member" && row.targetId && people.target.get(row.targetId)) || null;
    const actor = row.actorUserId || row.actorEmail ? { name: actorName, email: row.actorEmail } : null;
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

/** One page of a workspace's audit log, newest first. */
export async function listAuditEntries(tx: TenantTx, workspaceId: string, filters: AuditFilters): Promise<AuditPage> {
  const [total, entries] = await Promise.all([
    tx.auditLog.count({ where: whereOf(workspaceId, filters) }),
    queryAuditEntries(tx, workspaceId, filters, { skip: (filters.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
  ]);
  return { total, page: filters.page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), entries };
}
