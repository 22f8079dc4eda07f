import type { Metadata } from "next";
import Link from "next/link";
import { AuditFiltersForm } from "@/components/audit/audit-filters-form";
import { AuditTable } from "@/components/audit/audit-table";
import { NoAccess } from "@/components/settings/no-access";
import { SectionHeading } from "@/components/settings/section-heading";
import { EmptyState } from "@/components/ui/empty-state";
import { loadWorkspacePage } from "@/lib/access/load-workspace-page";
import { auditFiltersFrom, auditFiltersSchema } from "@/lib/audit/audit-filters";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;

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
  const filters = parsed.success ? parsed.data : auditFiltersSchema.parse({});
  const errors = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join(".") || "filters"}: ${i.message}.`);
  const base = `/w/${workspaceId}/settings/audit-log`;
  const load = await loadWorkspacePage(workspaceId, "audit:read", base, ({ tx }) =>
    listAuditEntries(tx, workspaceId, filters),
  );
  if (!load.allowed) return <NoAccess what="The audit log is visible to owners and admins." />;
  const { entries, page, pageCount, total } = load.data;

  const pageHref = (n: number) => {
    const query = new URLSearchParams(
      Object.entries({ ...filters, page: String(n) }).filter(([, v]) => v !== undefined && v !== "") as [
        string,
        string,
      ][],
    );
    return `${base}?${query.toString()}`;
  };

  return (
    <section className="grid gap-4">
      <SectionHeading
        title="Audit log"
        description="Every sensitive change: who, what, before and after (secrets redacted), from where."
      />
      <AuditFiltersForm filters={parsed.success ? filters : {}} errors={errors} />
      {entries.length === 0 ? (
        <EmptyState title="No entries match">Try wider filters.</EmptyState>
      ) : (
        <AuditTable entries={entries} />
      )}
      <nav aria-label="Audit log pages" className="flex items-center justify-between text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">
          {total.toLocaleString("en-US")} entr{total === 1 ? "y" : "ies"} · page {page} of {pageCount}
        </span>
        <span className="flex gap-2">
          {page > 1 && (
            <Link
              className="rounded-lg px-3 py-2 font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
              href={pageHref(page - 1)}
            >
              Previous
            </Link>
          )}
          {page < pageCount && (
            <Link
              className="rounded-lg px-3 py-2 font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
              href={pageHref(page + 1)}
            >
              Next
            </Link>
          )}
        </span>
      </nav>
    </section>
  );
}
