import type { TenantTx } from "../db/tenant-transaction";
import type { AuditFilters } from "./audit-filters";
import { toCsv } from "./csv";
import { queryAuditEntries, type AuditEntryView } from "./list-audit-entries";

/** An export holds at most this many entries, newest first; narrow the dates for older ones. */
export const AUDIT_CSV_MAX_ROWS = 10_000;

export const AUDIT_CSV_HEADER = [
  "time_utc",
  "actor_name",
  "actor_email",
  "action",
  "description",
  "target_type",
  "target_id",
  "target_name",
  "target_email",
  "ip_address",
  "client",
  "user_agent",
  "before",
  "after",
] as const;

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

const csvRow = (entry: AuditEntryView) => [
  entry.createdAt,
  entry.actorName,
  entry.actorEmail,
  entry.action,
  entry.description,
  entry.targetType,
  entry.targetId,
  entry.targetName,
  entry.targetEmail,
  entry.ipAddress,
  entry.client,
  entry.userAgent,
  json(entry.before),
  json(entry.after),
];

export interface AuditCsv {
  filename: string;
  body: string;
  rows: number;
  /** More entries matched than an export holds. */
  truncated: boolean;
}

/** The filtered audit log (every page, up to the cap) as a CSV file named after the workspace and today. */
export async function exportAuditCsv(
  tx: TenantTx,
  workspaceId: string,
  filters: AuditFilters,
  today = new Date(),
): Promise<AuditCsv> {
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { slug: true } });
  const entries = await queryAuditEntries(tx, workspaceId, filters, { skip: 0, take: AUDIT_CSV_MAX_ROWS + 1 });
  const kept = entries.slice(0, AUDIT_CSV_MAX_ROWS);
  const slug = workspace.slug.toLowerCase().replace(/[^a-z0-9-]+/g, "-") || "workspace";
  return {
    filename: `audit-log-${slug}-${today.toISOString().slice(0, 10)}.csv`,
    body: toCsv(AUDIT_CSV_HEADER, kept.map(csvRow)),
    rows: kept.length,
    truncated: entries.length > kept.length,
  };
}
