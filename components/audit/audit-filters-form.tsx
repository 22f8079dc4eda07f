import { Button } from "@/components/ui/button";
import type { AuditFilters } from "@/lib/audit/audit-filters";

const input =
  "min-h-10 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** A plain GET form: filters live in the URL, so they can be shared and work without JavaScript. */
export function AuditFiltersForm({ filters, errors }: { filters: Partial<AuditFilters>; errors?: string[] }) {
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter the audit log"
      className="grid gap-3 sm:grid-cols-5 sm:items-end"
    >
      <label className="grid gap-1 text-sm font-medium">
        Actor
        <input className={input} name="actor" type="search" defaultValue={filters.actor} placeholder="email" />
      </label>
      <label className="grid gap-1 text-sm font-medium">
        Action
        <input
          className={input}
          name="action"
          type="search"
          defaultValue={filters.action}
          placeholder="member.role_changed"
        />
      </label>
      <label className="grid gap-1 text-sm font-medium">
        From
        <input className={input} name="from" type="date" defaultValue={filters.from} />
      </label>
      <label className="grid gap-1 text-sm font-medium">
        To
        <input className={input} name="to" type="date" defaultValue={filters.to} />
      </label>
      <Button type="submit" variant="secondary">
        Apply filters
      </Button>
      {errors && errors.length > 0 && (
        <p role="alert" className="text-sm text-red-600 sm:col-span-5 dark:text-red-400">
          {errors.join(" ")}
        </p>
      )}
    </form>
  );
}
