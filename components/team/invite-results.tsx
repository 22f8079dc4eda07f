"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "./copy-button";
import { deliveryNote, inviteOutcome } from "./invitation-messages";

export interface InviteResult {
  invited: { memberId: string; email: string; link: string; emailSent: boolean }[];
  skipped: { email: string; reason: string }[];
}

/** After "Send invitation": the overall outcome, then per address what happened, with its link to copy. */
export function InviteResults({ results, onDone }: { results: InviteResult; onDone: () => void }) {
  const outcome = inviteOutcome(results.invited, results.skipped.length);
  return (
    <div className="grid grid-cols-1 gap-3">
      <p
        role="status"
        className={`rounded-lg px-3 py-2 text-sm ${
          outcome.tone === "warning"
            ? "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
            : "bg-zinc-50 dark:bg-zinc-800"
        }`}
      >
        {outcome.message}
      </p>
      <ul className="grid grid-cols-1 gap-2 text-sm" aria-label="Invitation results">
        {results.invited.map((r) => (
          <li
            key={r.memberId}
            className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800"
          >
            <span className="min-w-0 break-all">
              {r.email} — {deliveryNote(r.emailSent)}
            </span>
            <CopyButton text={r.link} subject={r.email} />
          </li>
        ))}
        {results.skipped.map((s) => (
          <li
            key={s.email}
            className="rounded-lg bg-amber-50 px-3 py-2 break-all text-amber-900 dark:bg-amber-950 dark:text-amber-200"
          >
            {s.email} — {s.reason}
          </li>
        ))}
      </ul>
      <Button variant="secondary" onClick={onDone}>
        Done
      </Button>
    </div>
  );
}
