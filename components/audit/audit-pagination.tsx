import Link from "next/link";

const link = "inline-flex min-h-10 items-center rounded-lg px-3 font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800";

export function AuditPagination({
  page,
  pageCount,
  total,
  pageHref,
}: {
  page: number;
  pageCount: number;
  total: number;
  pageHref: (page: number) => string;
}) {
  return (
    <nav aria-label="Audit log pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400">
        {total.toLocaleString("en-US")} entr{total === 1 ? "y" : "ies"} · page {page} of {pageCount}
      </span>
      <span className="flex gap-2">
        {page > 1 && (
          <Link className={link} href={pageHref(Math.min(page - 1, pageCount))}>
            Previous
          </Link>
        )}
        {page < pageCount && (
          <Link className={link} href={pageHref(page + 1)}>
            Next
          </Link>
        )}
      </span>
    </nav>
  );
}
