import type { AuditEntryView } from "@/lib/audit/list-audit-entries";

const time = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function summary(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">Audit log entries</caption>
        <thead className="border-b border-zinc-200 text-xs tracking-wide text-zinc-500 uppercase dark:border-zinc-800">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              When (UTC)
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Actor
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Action
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Change
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              From
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {entries.map((entry) => (
            <tr key={entry.id} className="align-top">
              <td className="px-4 py-3 whitespace-nowrap">
                <time dateTime={entry.createdAt}>{time.format(new Date(entry.createdAt))}</time>
              </td>
              <td className="px-4 py-3">{entry.actorEmail ?? "system"}</td>
              <td className="px-4 py-3 font-mono text-xs">{entry.action}</td>
              <td className="px-4 py-3 font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">
                {entry.before !== null && <div>before: {summary(entry.before)}</div>}
                {entry.after !== null && <div>after: {summary(entry.after)}</div>}
              </td>
              <td className="px-4 py-3 text-xs text-zinc-500">
                {entry.ipAddress ?? "—"}
                {entry.userAgent && (
                  <div className="max-w-48 truncate" title={entry.userAgent}>
                    {entry.userAgent}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
