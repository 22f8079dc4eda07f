"use client";

import { RotateCcwIcon } from "lucide-react";
import { RelativeTime } from "@/components/settings/relative-time";
import { Button } from "@/components/ui/button";
import type { Role } from "@/lib/access/permissions";
import { restoreMember } from "@/lib/team/team-server-actions";
import { roleLabel } from "./member-display";
import { useTeamAction } from "./use-team-action";

export interface RemovedMember {
  id: string;
  /** The name shown (the address for a person without one). */
  name: string;
  role: Role;
  removedAt: string | null;
}

/** The list of removed members, with Restore for owners and admins. */
export function RemovedMemberList({
  workspaceId,
  removed,
  canRestore,
}: {
  workspaceId: string;
  removed: RemovedMember[];
  canRestore: boolean;
}) {
  const { run, pending } = useTeamAction();
  return (
    <section aria-labelledby="removed-heading" className="grid grid-cols-1 gap-2">
      <h3 id="removed-heading" className="font-semibold">
        Removed members
      </h3>
      <ul className="grid grid-cols-1 gap-2">
        {removed.map((m) => (
          <li
            key={m.id}
            className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-zinc-200 px-4 py-2 text-sm dark:border-zinc-800"
          >
            <span className="min-w-0 break-words">
              {m.name} · {roleLabel(m.role)} · removed <RelativeTime iso={m.removedAt} />
            </span>
            {canRestore && (
              <Button
                variant="secondary"
                size="sm"
                disabled={pending}
                onClick={() =>
                  run(() => restoreMember({ workspaceId, memberId: m.id }), { success: `${m.name} restored` })
                }
              >
                <RotateCcwIcon aria-hidden="true" />
                Restore<span className="sr-only"> {m.name}</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
