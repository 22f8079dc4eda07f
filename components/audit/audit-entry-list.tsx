import type { AuditEntryView } from "@/lib/audit/list-audit-entries";
import { AuditEntryCard } from "./audit-entry-card";

/** The page's entries, newest first: stacked cards on a phone, rows from `sm` up. */
export function AuditEntryList({ entries }: { entries: AuditEntryView[] }) {
  return (
    <ol
      aria-label="Audit log entries"
      className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
    >
      {entries.map((entry) => (
        <AuditEntryCard key={entry.id} entry={entry} />
      ))}
    </ol>
  );
}
