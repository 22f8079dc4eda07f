import { ingestRoute } from "@/lib/access/ingest-route";
import { recordUsageStatement, sameUsageReport } from "@/lib/usage/record-usage";
import { usageReportSchema } from "@/lib/usage/usage-schemas";

/**
 * POST /api/workspaces/{id}/usage (API keys with `usage:write`): `{traces, idempotencyKey, timestamp?}`
 * or `{items: […]}` (up to 1,000); each report counts once, whatever is repeated.
 */
export const POST = ingestRoute({
  permission: "usage:report",
  item: usageReportSchema,
  same: sameUsageReport,
  maxBodyBytes: 512 * 1024,
  statement: (workspaceId, batch, _caller, guard) => recordUsageStatement(workspaceId, batch, guard),
});
