import { workspaceRoute } from "@/lib/access/define-route";
import { auditFiltersFrom } from "@/lib/audit/audit-filters";
import { auditResponseFormatFrom } from "@/lib/audit/audit-response-format";
import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { invalidInput } from "@/lib/errors";

/** The query: `format` (json | csv), then the filters shared with the page. */
function readQuery(request: Request) {
  const params = new URL(request.url).searchParams;
  const format = auditResponseFormatFrom(params);
  if (!format.success) throw invalidInput(format.error);
  const filters = auditFiltersFrom(params);
  if (!filters.success) throw invalidInput(filters.error);
  return { format: format.data, filters: filters.data };
}

/**
 * GET /api/workspaces/{id}/audit-log?actor=&action=&from=&to=&page=: owners and admins.
 * `&format=csv` downloads every matching entry (up to 10,000) instead of one page.
 */
export const GET = workspaceRoute("audit:read", async ({ tx, workspaceId }, request) => {
  const { format, filters } = readQuery(request);
  if (format === "json") return listAuditEntries(tx, workspaceId, filters);
  const csv = await exportAuditCsv(tx, workspaceId, filters);
  return new Response(csv.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csv.filename}"`,
      "Cache-Control": "no-store",
      "X-Audit-Log-Rows": String(csv.rows),
      "X-Audit-Log-Truncated": String(csv.truncated),
    },
  });
});
