import { workspaceRoute } from "@/lib/access/define-route";
import { auditFiltersFrom } from "@/lib/audit/audit-filters";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { invalidInput } from "@/lib/errors";

/** GET /api/workspaces/{id}/audit-log?actor=&action=&from=&to=&page=: owners and admins. */
export const GET = workspaceRoute("audit:read", ({ tx, workspaceId }, request) => {
  const filters = auditFiltersFrom(new URL(request.url).searchParams);
  if (!filters.success) throw invalidInput(filters.error);
  return listAuditEntries(tx, workspaceId, filters.data);
});
