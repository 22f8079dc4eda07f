import { z } from "zod";
import { AUDIT_CSV_HEADER, AUDIT_CSV_MAX_ROWS } from "../../audit/export-audit-csv";
import { dataEnvelope, idSchema, nextCursorSchema, timestampSchema } from "./common-schemas";

/** lib/audit/list-audit-entries.ts `AuditEntryView`. */
export const auditEntrySchema = z
  .strictObject({
    id: idSchema,
    action: z.string().meta({ example: "member.role_changed" }),
    description: z.string().meta({ example: "Adam Admin changed Mia Member's role: Member → Viewer" }),
    actorEmail: z.string().nullable(),
    actorName: z.string().nullable(),
    targetType: z.string().meta({ example: "member" }),
    targetId: z.string().nullable(),
    targetName: z.string().nullable(),
    targetEmail: z.string().nullable(),
    before: z.unknown().meta({ description: "The target before the change (JSON), if recorded." }),
    after: z.unknown().meta({ description: "The target after the change (JSON), if recorded." }),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    client: z.string().nullable().meta({ example: "Chrome 131 on macOS" }),
    createdAt: timestampSchema,
  })
  .meta({ id: "AuditEntry" });

/** lib/audit/list-audit-entries.ts `AuditPage`: 25 entries a page (or `limit`), newest first. */
export const auditPageResponse = dataEnvelope(
  z.strictObject({
    entries: z.array(auditEntrySchema),
    page: z.number().int().min(1),
    pageCount: z.number().int().min(1),
    total: z.number().int().min(0),
    next_cursor: nextCursorSchema,
  }),
);

/** `format=csv`: every matching entry (up to 10,000) as a file, with lib/audit/export-audit-csv.ts's header row. */
const CSV_HEADER_ROW = `${AUDIT_CSV_HEADER.join(",")}\r\n`;
export const auditCsvSchema = z
  .string()
  .startsWith(CSV_HEADER_ROW)
  .meta({
    description: `CSV (RFC 4180, CRLF line ends) with a header row, then one entry per line, newest first, up to ${AUDIT_CSV_MAX_ROWS.toLocaleString("en-US")}.`,
    example: CSV_HEADER_ROW,
  });
