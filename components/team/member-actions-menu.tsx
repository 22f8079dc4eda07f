"use client";

import { CrownIcon, EllipsisIcon, PowerIcon, PowerOffIcon, Trash2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { Role } from "@/lib/access/permissions";
import type { MemberView } from "@/lib/team/list-members";
import { displayName } from "./member-display";
import type { MemberControls } from "./member-controls";

export type MemberActionKind = "deactivate" | "reactivate" | "transfer" | "remove";

/** The "…" menu of a member row ("Actions for <Name>"): status, ownership, and a separated, red Remove. */
export function MemberActionsMenu({
  member,
  actorRole,
  onSelect,
  disabled,
}: {
  member: MemberView;
  actorRole: Role;
  onSelect: (kind: MemberActionKind) => void;
  disabled?: boolean;
}) {
  const name = displayName(member);
  const canTransfer = actorRole === "owner" && member.status === "active" && member.role !== "owner";
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild disabled={disabled}>
        <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${name}`}>
          <EllipsisIcon aria-hidden="true" />
        </Button>
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

/** The "…" menu for a member a row or card may act on; nothing when it may not. */
export function MemberActions({ member, controls }: { member: MemberView; controls: MemberControls | null }) {
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
