import { z } from "zod";
import { AUDIT_PAGE_SIZE, auditFiltersSchema } from "../../audit/audit-filters";
import { AUDIT_CSV_MAX_ROWS } from "../../audit/export-audit-csv";
import { auditResponseFormatSchema } from "../../audit/audit-response-format";
import { WORKSPACE_ERRORS } from "./common-errors";
import { workspacePathSchema } from "./common-schemas";
import { auditCsvSchema, auditPageResponse } from "./audit-responses";
import { RATE_LIMIT_HEADERS } from "./headers";
import type { OperationSpec } from "./operation-spec";

/** `format`, as lib/audit/audit-response-format.ts reads it (the enum inside its schema). */
const formatParameter = auditResponseFormatSchema.in.shape.format.out.optional().meta({
  param: { in: "query", name: "format" },
  description: `\`json\` (default): one page of ${AUDIT_PAGE_SIZE}. \`csv\`: a file with every matching entry, up to ${AUDIT_CSV_MAX_ROWS.toLocaleString("en-US")}.`,
});

export const AUDIT_OPERATIONS: Record<string, OperationSpec> = {
  "GET /api/workspaces/{workspaceId}/audit-log": {
    operationId: "listAuditLog",
    summary: "Read the audit log",
    description:
      "Entries newest first, each with a readable sentence. Filter by `actor` (part of an email or name), `action` " +
      "(`member.role_changed`, or a prefix like `member.`) and a `from`/`to` date range (UTC days).",
    tag: "Audit log",
    access: { kind: "workspace", permission: "audit:read" },
    path: workspacePathSchema,
    query: auditFiltersSchema,
    parameters: [formatParameter as z.ZodType],
    responses: {
      200: {
        description: "One page of entries (JSON), or with `format=csv` a file download.",
        schema: auditPageResponse,
        otherContent: { "text/csv": auditCsvSchema },
        headers: [
          ...RATE_LIMIT_HEADERS,
          { name: "Content-Disposition" },
          { name: "X-Audit-Log-Rows" },
          { name: "X-Audit-Log-Truncated" },
        ],
      },
    },
    errors: { 400: "A filter or `format` is invalid (see `fieldErrors`).", ...WORKSPACE_ERRORS },
  },
};
