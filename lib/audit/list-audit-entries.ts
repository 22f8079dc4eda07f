import type { TenantTx } from "../db/tenant-transaction";
import { AUDIT_PAGE_SIZE, type AuditFilters } from "./audit-filters";

export interface AuditEntryView {
  id: string;
  action: string;
  actorEmail: string | null;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
}

/** One page of a workspace's audit log, newest first (RLS keeps it to this workspace). */
export async function listAuditEntries(
  tx: TenantTx,
  workspaceId: string,
  filters: AuditFilters,
): Promise<{ entries: AuditEntryView[]; page: number; pageCount: number; total: number }> {
  const where = {
    workspaceId,
    ...(filters.actor ? { actorEmail: { contains: filters.actor.toLowerCase() } } : {}),
    ...(filters.action ? { action: { startsWith: filters.action } } : {}),
    ...(filters.from || filters.to
      ? {
          createdAt: {
            ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : {}),
            ...(filters.to ? { lt: new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    tx.auditLog.count({ where }),
    tx.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  return {
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entries: rows.map((row) => ({
      id: row.id,
      action: row.action,
      actorEmail: row.actorEmail,
      targetType: row.targetType,
      targetId: row.targetId,
      before: row.before,
      after: row.after,
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}
