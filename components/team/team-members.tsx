"use client";

import { useOptimistic, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Role } from "@/lib/access/permissions";
import type { MemberView } from "@/lib/team/list-members";
import { refuseActOn } from "@/lib/team/role-rules";
import {
  changeRole,
  deactivateMember,
  reactivateMember,
  removeMember,
  transferOwnership,
} from "@/lib/team/team-server-actions";
import type { MemberActionKind } from "./member-actions-menu";
import { MemberCard } from "./member-card";
import { memberConfirmation } from "./member-confirmations";
import type { MemberControls } from "./member-controls";
import { displayName, grantableRoles, roleLabel } from "./member-display";
import { MemberRow } from "./member-row";
import { useTeamAction } from "./use-team-action";

type Patch = { id: string; role?: Role; status?: MemberView["status"]; removed?: boolean };
type Pending = { kind: Exclude<MemberActionKind, "reactivate">; member: MemberView };

/**
 * The members (joined people; invitations are listed separately): a table from 640px, a list of
 * cards below, each with an inline role select and an actions menu where the actor may act.
 */
export function TeamMembers({
  workspaceId,
  members,
  actorRole,
  actorMemberId,
}: {
  workspaceId: string;
  members: MemberView[];
  actorRole: Role;
  actorMemberId: string;
}) {
  const { run, pending: busy } = useTeamAction();
  const [shown, applyPatch] = useOptimistic(members, (state, patch: Patch) =>
    patch.removed
      ? state.filter((m) => m.id !== patch.id)
      : state.map((m) => (m.id === patch.id ? { ...m, ...patch } : m)),
  );
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const manages = actorRole === "owner" || actorRole === "admin";
  const grantable = grantableRoles(actorRole);

  const target = (member: MemberView) => ({ workspaceId, memberId: member.id });

  function controlsFor(member: MemberView): MemberControls | null {
    if (!manages || member.id === actorMemberId || refuseActOn(actorRole, member.role) !== null) return null;
    return {
      actorRole,
      grantable,
      busy,
      changeRole: (role) =>
        run(() => changeRole({ ...target(member), role }), {
          optimistic: () => applyPatch({ id: member.id, role }),
          success: `${displayName(member)} is now ${roleLabel(role).toLowerCase()}`,
        }),
      act: (kind) => {
        if (kind === "reactivate")
          run(() => reactivateMember(target(member)), {
            optimistic: () => applyPatch({ id: member.id, status: "active" }),
            success: `${displayName(member)} reactivated`,
          });
        else setConfirming({ kind, member });
      },
    };
  }

  function confirm({ kind, member }: Pending) {
    setConfirming(null);
    const { done } = memberConfirmation(kind, member);
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

  const question = confirming ? memberConfirmation(confirming.kind, confirming.member) : null;

  return (
    <>
      <div className="relative hidden overflow-x-auto rounded-xl border border-zinc-200 bg-white sm:block dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members</caption>
          <thead className="border-b border-zinc-200 text-xs tracking-wide text-zinc-600 uppercase dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Member
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Role
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-3 font-medium whitespace-nowrap">
                Last active
              </th>
              {manages && (
                <th scope="col" className="w-12 px-2 py-3 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {shown.map((member) => (
              <MemberRow
                key={member.id}
                member={member}
                isSelf={member.id === actorMemberId}
                controls={controlsFor(member)}
                showActions={manages}
              />
            ))}
          </tbody>
        </table>
      </div>
      <ul
        aria-label="Members"
        className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white sm:hidden dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {shown.map((member) => (
          <MemberCard
            key={member.id}
            member={member}
            isSelf={member.id === actorMemberId}
            controls={controlsFor(member)}
          />
        ))}
      </ul>
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
