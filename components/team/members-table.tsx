"use client";

import { useMemo, useOptimistic, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Role } from "@/lib/access/permissions";
import { refuseActOn } from "@/lib/team/role-rules";
import {
  changeRole,
  deactivateMember,
  reactivateMember,
  removeMember,
  transferOwnership,
} from "@/lib/team/team-server-actions";
import type { MemberActionKind } from "./member-actions-menu";
import { memberConfirmation } from "./member-confirmations";
import type { MemberControls } from "./member-controls";
import { grantableRoles, roleLabel } from "./member-display";
import { MemberRow } from "./member-row";
import { unpackMemberRow, type MemberRowData, type PackedMemberRow } from "./member-rows";
import { useTeamAction } from "./use-team-action";
import "./members-table.css";

type Patch = { id: string; role?: Role; status?: MemberRowData["status"]; removed?: boolean };
type Pending = { kind: Exclude<MemberActionKind, "reactivate">; member: MemberRowData };

/**
 * The members table with its state: optimistic updates and confirmations. One markup for every
 * width — members-table.css lays the rows out as cards below 640px — with an inline role select and
 * an actions menu where the actor may act.
 */
export function MembersTable({
  workspaceId,
  members,
  actorRole,
  actorMemberId,
  now,
}: {
  workspaceId: string;
  /** The rows as the page packs them (member-rows.ts). */
  members: PackedMemberRow[];
  actorRole: Role;
  actorMemberId: string;
  /** The server's clock, so that "3 hours ago" reads the same on the server and in hydration. */
  now: number;
}) {
  const { run, pending: busy } = useTeamAction();
  const rows = useMemo(() => members.map(unpackMemberRow), [members]);
  const [shown, applyPatch] = useOptimistic(rows, (state, patch: Patch) =>
    patch.removed
      ? state.filter((m) => m.id !== patch.id)
      : state.map((m) => (m.id === patch.id ? { ...m, ...patch } : m)),
  );
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const manages = actorRole === "owner" || actorRole === "admin";
  const grantable = grantableRoles(actorRole);

  const target = (member: MemberRowData) => ({ workspaceId, memberId: member.id });

  function controlsFor(member: MemberRowData): MemberControls | null {
    if (!manages || member.id === actorMemberId || refuseActOn(actorRole, member.role) !== null) return null;
    return {
      actorRole,
      grantable,
      busy,
      changeRole: (role) =>
        run(() => changeRole({ ...target(member), role }), {
          optimistic: () => applyPatch({ id: member.id, role }),
          success: `${member.name} is now ${roleLabel(role).toLowerCase()}`,
        }),
      act: (kind) => {
        if (kind === "reactivate")
          run(() => reactivateMember(target(member)), {
            optimistic: () => applyPatch({ id: member.id, status: "active" }),
            success: `${member.name} reactivated`,
          });
        else setConfirming({ kind, member });
      },
    };
  }

  function confirm({ kind, member }: Pending) {
    setConfirming(null);
    const { done } = memberConfirmation(kind, member.name);
    if (kind === "deactivate")
      run(() => deactivateMember(target(member)), {
        optimistic: () => applyPatch({ id: member.id, status: "inactive" }),
        success: done,
      });
    if (kind === "remove")
      run(() => removeMember(target(member)), {
        optimistic: () => applyPatch({ id: member.id, removed: true }),
        success: done,
      });
    if (kind === "transfer") run(() => transferOwnership(target(member)), { success: done });
  }

  const question = confirming ? memberConfirmation(confirming.kind, confirming.member.name) : null;

  return (
    <>
      <div className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="members-table">
          <caption className="sr-only">Members</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last active</th>
              {manages && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {shown.map((member) => (
              <MemberRow
                key={member.id}
                member={member}
                isSelf={member.id === actorMemberId}
                controls={controlsFor(member)}
                showActions={manages}
                now={now}
              />
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={question?.title ?? ""}
        description={question?.description ?? ""}
        confirmLabel={question?.confirmLabel ?? ""}
        variant={question?.destructive ? "destructive" : "default"}
        onConfirm={() => confirming && confirm(confirming)}
      />
    </>
  );
}
