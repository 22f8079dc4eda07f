import { ingestRoute } from "@/lib/access/ingest-route";
import { sameUsageReport, usageIngestStatement } from "@/lib/usage/record-usage";
import { usageReportSchema } from "@/lib/usage/usage-schemas";

/**
 * POST /api/workspaces/{id}/usage (API keys with `usage:write`): `{traces, idempotencyKey, timestamp?}`
 * or `{items: […]}` (up to 1,000); each report counts once, whatever is repeated, through the usage
 * service (lib/usage/record-usage.ts); a plan without overage refuses what would pass its limit
 * (429 `usage_limit_exceeded` for one report, per item in a batch).
 */
export const POST = ingestRoute({
  permission: "usage:report",
  item: usageReportSchema,
  same: sameUsageReport,
  maxBodyBytes: 512 * 1024,
  statement: (workspaceId, batch, _caller, guard, request) =>
    usageIngestStatement(workspaceId, batch, guard, request.requestId ?? null),
});
