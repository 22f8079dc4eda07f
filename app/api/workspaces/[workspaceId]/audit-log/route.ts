import { workspaceRoute, type RouteHandler } from "@/lib/access/define-route";
import type { Permission } from "@/lib/access/permissions";
import { contextFromRequest } from "@/lib/access/request-context";
import { withWorkspace } from "@/lib/access/with-workspace";
import { auditFiltersFrom } from "@/lib/audit/audit-filters";
import { auditResponseFormatFrom } from "@/lib/audit/audit-response-format";
import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { failureResponse, invalidInput, toFailure } from "@/lib/errors";
import { logger } from "@/lib/logger";

const permission: Permission = "audit:read";

/** The query: `format` (json | csv), then the filters shared with the page. */
function readQuery(request: Request) {
  const params = new URL(request.url).searchParams;
  const format = auditResponseFormatFrom(params);
  if (!format.success) throw invalidInput(format.error);
  const filters = auditFiltersFrom(params);
  if (!filters.success) throw invalidInput(filters.error);
  return { format: format.data, filters: filters.data };
}

const listPage = workspaceRoute(permission, ({ tx, workspaceId }, request) =>
  listAuditEntries(tx, workspaceId, readQuery(request).filters),
);

/** The filtered log as a CSV download, through the same chokepoint and permission as the JSON. */
const downloadCsv: RouteHandler = async (request, { params }) => {
  try {
    const { workspaceId } = await params;
    const csv = await withWorkspace(contextFromRequest(request), workspaceId, permission, (ctx) =>
      exportAuditCsv(ctx.tx, ctx.workspaceId, readQuery(request).filters),
    );
    return new Response(csv.body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${csv.filename}"`,
        "Cache-Control": "no-store",
        "X-Audit-Log-Rows": String(csv.rows),
        "X-Audit-Log-Truncated": String(csv.truncated),
      },
    });
  } catch (error) {
    return failureResponse(
      toFailure(error, (err, requestId) =>
        logger.error({ err, requestId, method: "GET", path: new URL(request.url).pathname }, "audit CSV export failed"),
      ),
    );
  }
};

/**
 * GET /api/workspaces/{id}/audit-log?actor=&action=&from=&to=&page=: owners and admins.
 * `&format=csv` downloads every matching entry (up to 10,000) instead of one page.
 */
export const GET = Object.assign(
  (request: Request, context: Parameters<RouteHandler>[1]) =>
    new URL(request.url).searchParams.get("format") === "csv"
      ? downloadCsv(request, context)
      : listPage(request, context),
  { permission },
);
