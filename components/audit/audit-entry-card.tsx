import type { AuditEntryView } from "@/lib/audit/list-audit-entries";

const time = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * One entry: the sentence first, then when, the action's id and where it came
 * from. A card on a phone, a row from `sm` up; before/after and the raw user
 * agent sit in a disclosure, wrapped rather than scrolled (a scrolling box
 * would need keyboard access).
 */
export function AuditEntryCard({ entry }: { entry: AuditEntryView }) {
  const hasChange = entry.before !== null || entry.after !== null;
  const origin = [entry.ipAddress, entry.client].filter(Boolean).join(" · ");
  return (
    <li className="grid min-w-0 grid-cols-1 gap-2 p-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:gap-x-6">
      <div className="grid min-w-0 gap-1">
        <p className="font-medium wrap-anywhere">{entry.description}</p>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
          <code className="rounded bg-zinc-100 px-1.5 py-0.5 break-all text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            {entry.action}
          </code>
          {origin && (
            <span title={entry.userAgent ?? undefined} className="wrap-anywhere">
              {origin}
            </span>
          )}
        </p>
        {(hasChange || entry.userAgent) && (
          <details className="text-xs text-zinc-600 dark:text-zinc-400">
            <summary className="w-fit cursor-pointer rounded py-1 font-medium text-zinc-700 dark:text-zinc-300">
              Details
            </summary>
            <dl className="mt-1 grid min-w-0 gap-2">
              {entry.before !== null && (
                <div className="min-w-0">
                  <dt className="font-medium">Before</dt>
                  <dd>
                    <pre className="rounded bg-zinc-50 p-2 break-all whitespace-pre-wrap dark:bg-zinc-950">
                      {pretty(entry.before)}
                    </pre>
                  </dd>
                </div>
              )}
              {entry.after !== null && (
                <div className="min-w-0">
                  <dt className="font-medium">After</dt>
                  <dd>
                    <pre className="rounded bg-zinc-50 p-2 break-all whitespace-pre-wrap dark:bg-zinc-950">
                      {pretty(entry.after)}
                    </pre>
                  </dd>
                </div>
              )}
              {entry.userAgent && (
                <div className="min-w-0">
                  <dt className="font-medium">User agent</dt>
                  <dd className="break-all">{entry.userAgent}</dd>
                </div>
              )}
            </dl>
          </details>
        )}
      </div>
      <p className="text-xs text-zinc-600 sm:text-right sm:text-sm sm:whitespace-nowrap dark:text-zinc-400">
        <time dateTime={entry.createdAt}>{time.format(new Date(entry.createdAt))} UTC</time>
      </p>
    </li>
  );
}
