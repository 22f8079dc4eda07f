import { Download } from "lucide-react";

/** A plain link to the route's CSV of the filtered view (every page); the browser downloads it. */
export function ExportCsvLink({ href }: { href: string }) {
  return (
    <a
      href={href}
      download
      className="inline-flex min-h-10 items-center gap-2 rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-900 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
    >
      <Download aria-hidden="true" className="size-4" />
      Export CSV
    </a>
  );
}
