"use client";

import { CrownIcon, PowerIcon, PowerOffIcon, Trash2Icon } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { Role } from "@/lib/access/permissions";
import type { MemberControls } from "./member-controls";
import type { MemberRowData } from "./member-rows";

export type MemberActionKind = "deactivate" | "reactivate" | "transfer" | "remove";

type Target = Pick<MemberRowData, "name" | "role" | "status">;

/**
 * The "…" menu of a member row ("Actions for <Name>"): status, ownership, and a separated, red Remove.
 * The trigger is a ghost icon button drawn by members-table.css (`member-menu`), its classes and icon
 * written once in the stylesheet rather than in every row. Until the script runs (the menu could not
 * open anyway) only the icon is there.
 */
export function MemberActionsMenu({
  member,
  actorRole,
  onSelect,
  disabled,
}: {
  member: Target;
  actorRole: Role;
  onSelect: (kind: MemberActionKind) => void;
  disabled?: boolean;
}) {
  const hydrated = useHydrated();
  const { name } = member;
  if (!hydrated) return <span className="member-menu" />;
  const canTransfer = actorRole === "owner" && member.status === "active" && member.role !== "owner";
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild disabled={disabled}>
        <button type="button" className="member-menu" aria-label={`Actions for ${name}`} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {member.status === "active" ? (
          <DropdownMenuItem onSelect={() => onSelect("deactivate")}>
            <PowerOffIcon aria-hidden="true" />
            Deactivate<span className="sr-only"> {name}</span>
          </DropdownMenuItem>
        ) : (
          <DropdownMenuItem onSelect={() => onSelect("reactivate")}>
            <PowerIcon aria-hidden="true" />
            Reactivate<span className="sr-only"> {name}</span>
          </DropdownMenuItem>
        )}
        {canTransfer && (
          <DropdownMenuItem onSelect={() => onSelect("transfer")}>
            <CrownIcon aria-hidden="true" />
            Transfer ownership<span className="sr-only"> to {name}</span>
          </DropdownMenuItem>
        )}
        <DropdownMenuSeparator />
        <DropdownMenuItem variant="destructive" onSelect={() => onSelect("remove")}>
          <Trash2Icon aria-hidden="true" />
          Remove<span className="sr-only"> {name}</span>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** The "…" menu for a member the row may act on; nothing when it may not. */
export function MemberActions({ member, controls }: { member: Target; controls: MemberControls | null }) {
  if (!controls) return null;
  return (
    <MemberActionsMenu
      member={member}
      actorRole={controls.actorRole}
      onSelect={controls.act}
      disabled={controls.busy}
    />
  );
}
