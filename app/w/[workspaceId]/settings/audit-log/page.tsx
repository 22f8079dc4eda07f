import type { Metadata } from "next";
import Link from "next/link";
import { AuditEntryList } from "@/components/audit/audit-entry-list";
import { AuditFiltersForm, type AuditFilterValues } from "@/components/audit/audit-filters-form";
import { AuditPagination } from "@/components/audit/audit-pagination";
import { ExportCsvLink } from "@/components/audit/export-csv-link";
import { NoAccess } from "@/components/settings/no-access";
import { SectionHeading } from "@/components/settings/section-heading";
import { EmptyState } from "@/components/ui/empty-state";
import { loadWorkspacePage } from "@/lib/access/load-workspace-page";
import { auditFilterQuery, auditFiltersFrom } from "@/lib/audit/audit-filters";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { fieldErrorsOf } from "@/lib/errors";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;

/** The values as typed, to show back in the form: one string each, printable, bounded. */
function typedValues(search: Search): AuditFilterValues {
  const typed = (key: string) => {
    const value = search[key];
    return typeof value === "string" ? value.replace(/[\p{Cc}\p{Cs}]/gu, "").slice(0, 320) : undefined;
  };
  return { actor: typed("actor"), action: typed("action"), from: typed("from"), to: typed("to") };
}

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Search>;
}) {
  const { workspaceId } = await params;
  const search = await searchParams;
  const parsed = auditFiltersFrom(search);
  const base = `/w/${workspaceId}/settings/audit-log`;
  // Refused filters list nothing: the page says what was wrong instead of showing unfiltered entries.
  const load = await loadWorkspacePage(workspaceId, "audit:read", base, {
    withTransaction: async ({ tx }) => (parsed.success ? listAuditEntries(tx, workspaceId, parsed.data) : null),
  });
  if (!load.allowed) return <NoAccess what="The audit log is visible to owners and admins." owner={load.ownerName} />;

  const filtered = Object.values(typedValues(search)).some(Boolean);
  const heading = (
    <SectionHeading
      title="Audit log"
      description="Every sensitive change: who did what to whom, when and from where (secrets redacted)."
      actions={
        parsed.success && load.data && load.data.total > 0 ? (
          <ExportCsvLink
            href={`/api/workspaces/${workspaceId}/audit-log?${auditFilterQuery(parsed.data, { format: "csv" })}`}
          />
        ) : undefined
      }
    />
  );

  if (!parsed.success || !load.data) {
    return (
      <section className="grid gap-4">
        {heading}
        <AuditFiltersForm
          values={typedValues(search)}
          errors={parsed.success ? {} : fieldErrorsOf(parsed.error)}
          clearHref={base}
        />
      </section>
    );
  }

  const filters = parsed.data;
  const { entries, page, pageCount, total } = load.data;
  const pageHref = (n: number) => `${base}?${auditFilterQuery(filters, { page: String(n) })}`;

  return (
    <section className="grid gap-4">
      {heading}
      <AuditFiltersForm values={filters} errors={{}} clearHref={filtered ? base : null} />
      {total === 0 ? (
        filtered ? (
          <EmptyState title="No entries match these filters">
            <Link href={base} className="font-medium underline underline-offset-2">
              Clear the filters
            </Link>{" "}
            to see the whole log.
          </EmptyState>
        ) : (
          <EmptyState title="No activity yet">
            Changes to the team, such as invitations, role changes and removals, will appear here.
          </EmptyState>
        )
      ) : entries.length === 0 ? (
        <EmptyState title={`There is no page ${page}`}>
          The log has {pageCount} page{pageCount === 1 ? "" : "s"} with these filters.{" "}
          <Link href={pageHref(1)} className="font-medium underline underline-offset-2">
            Go to the first page
          </Link>
          .
        </EmptyState>
      ) : (
        <AuditEntryList entries={entries} />
      )}
      {total > 0 && <AuditPagination page={page} pageCount={pageCount} total={total} pageHref={pageHref} />}
    </section>
  );
}
