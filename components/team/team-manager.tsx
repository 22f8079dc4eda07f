"use client";

import { useRouter } from "next/navigation";
import { useOptimistic, useState, useTransition } from "react";
import { toast } from "sonner";
import { RelativeTime } from "@/components/settings/relative-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/select-field";
import { ROLES, type Role } from "@/lib/access/permissions";
import type { ActionResult } from "@/lib/errors";
import {
  changeRole,
  copyInvitationLink,
  deactivateMember,
  reactivateMember,
  removeMember,
  resendInvitation,
  restoreMember,
  revokeInvitation,
  transferOwnership,
} from "@/lib/team/team-server-actions";
import type { MemberView } from "@/lib/team/list-members";
import { refuseActOn, refuseGrant } from "@/lib/team/role-rules";
import { CopyButton } from "./copy-button";

const STATUS_TONE: Record<MemberView["status"], BadgeTone> = { active: "good", pending: "warn", inactive: "neutral" };
const title = (role: string) => role[0]!.toUpperCase() + role.slice(1);

type Patch = { id: string; role?: Role; status?: MemberView["status"]; removed?: boolean };
type Confirm = {
  title: string;
  body: string;
  confirm: string;
  run: () => Promise<ActionResult<unknown>>;
  patch?: Patch;
  done: string;
};

export function TeamManager({
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
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [optimistic, applyPatch] = useOptimistic(members, (state, patch: Patch) =>
    patch.removed
      ? state.filter((m) => m.id !== patch.id)
      : state.map((m) => (m.id === patch.id ? { ...m, ...patch } : m)),
  );
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [roleFor, setRoleFor] = useState<MemberView | null>(null);
  const manages = actorRole === "owner" || actorRole === "admin";

  /** Optimistic update, then the server's answer: success refreshes, failure rolls back with a toast. */
  function perform(run: () => Promise<ActionResult<unknown>>, patch: Patch | undefined, done: string) {
    startTransition(async () => {
      if (patch) applyPatch(patch);
      const result = await run();
      if (result.ok) {
        toast.success(done);
        router.refresh();
      } else {
        toast.error(result.message);
      }
    });
  }

  const target = (m: MemberView) => ({ workspaceId, memberId: m.id });

  return (
    <>
      <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full min-w-[48rem] text-left text-sm">
          <caption className="sr-only">Members</caption>
          <thead className="border-b border-zinc-200 text-xs tracking-wide text-zinc-500 uppercase dark:border-zinc-800">
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
              <th scope="col" className="px-4 py-3 font-medium">
                Last active
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Invited by
              </th>
              {manages && (
                <th scope="col" className="px-4 py-3 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {optimistic.map((member) => {
              const self = member.id === actorMemberId;
              const mayAct = manages && !self && refuseActOn(actorRole, member.role) === null;
              return (
                <tr key={member.id} className="align-top">
                  <td className="px-4 py-3">
                    <div className="font-medium">
                      {member.name ?? member.email}
                      {self && <span className="ml-1 text-xs text-zinc-500">(you)</span>}
                    </div>
                    {member.name && <div className="text-zinc-500">{member.email}</div>}
                  </td>
                  <td className="px-4 py-3">{title(member.role)}</td>
                  <td className="px-4 py-3">
                    <Badge tone={STATUS_TONE[member.status]}>{member.status}</Badge>
                    {member.status === "pending" && (
                      <div className="mt-1 text-xs text-zinc-500">
                        expires <RelativeTime iso={member.invitationExpiresAt} />
                      </div>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <RelativeTime iso={member.lastActiveAt} empty="never" />
                  </td>
                  <td className="px-4 py-3 text-zinc-600 dark:text-zinc-400">{member.invitedBy ?? "—"}</td>
                  {manages && (
                    <td className="px-2 py-2">
                      {mayAct && (
                        <div className="flex flex-wrap justify-end gap-1">
                          {member.status === "pending" ? (
                            <>
                              <Button
                                variant="ghost"
                                className="min-h-9 px-3"
                                onClick={() =>
                                  perform(
                                    () => resendInvitation(target(member)),
                                    undefined,
                                    `Invitation re-sent to ${member.email}`,
                                  )
                                }
                              >
                                Resend
                              </Button>
                              <CopyButton
                                label="Copy link"
                                text={async () => {
                                  const result = await copyInvitationLink(target(member));
                                  if (!result.ok) {
                                    toast.error(result.message);
                                    return null;
                                  }
                                  return result.data.link;
                                }}
                              />
                              <Button
                                variant="ghost"
                                className="min-h-9 px-3"
                                onClick={() =>
                                  setConfirm({
                                    title: `Revoke the invitation to ${member.email}?`,
                                    body: "The link stops working at once.",
                                    confirm: "Revoke invitation",
                                    run: () => revokeInvitation(target(member)),
                                    patch: { id: member.id, removed: true },
                                    done: "Invitation revoked",
                                  })
                                }
                              >
                                Revoke
                              </Button>
                            </>
                          ) : (
                            <>
                              <Button variant="ghost" className="min-h-9 px-3" onClick={() => setRoleFor(member)}>
                                Change role
                              </Button>
                              {member.status === "active" ? (
                                <Button
                                  variant="ghost"
                                  className="min-h-9 px-3"
                                  onClick={() =>
                                    setConfirm({
                                      title: `Deactivate ${member.email}?`,
                                      body: "They lose access at once and keep their place; you can reactivate them later.",
                                      confirm: "Deactivate",
                                      run: () => deactivateMember(target(member)),
                                      patch: { id: member.id, status: "inactive" },
                                      done: "Member deactivated",
                                    })
                                  }
                                >
                                  Deactivate
                                </Button>
                              ) : (
                                <Button
                                  variant="ghost"
                                  className="min-h-9 px-3"
                                  onClick={() =>
                                    perform(
                                      () => reactivateMember(target(member)),
                                      { id: member.id, status: "active" },
                                      "Member reactivated",
                                    )
                                  }
                                >
                                  Reactivate
                                </Button>
                              )}
                              {actorRole === "owner" && member.status === "active" && member.role !== "owner" && (
                                <Button
                                  variant="ghost"
                                  className="min-h-9 px-3"
                                  onClick={() =>
                                    setConfirm({
                                      title: `Make ${member.email} the owner?`,
                                      body: "They become an owner and you become an admin.",
                                      confirm: "Transfer ownership",
                                      run: () => transferOwnership(target(member)),
                                      done: "Ownership transferred",
                                    })
                                  }
                                >
                                  Transfer ownership
                                </Button>
                              )}
                              <Button
                                variant="ghost"
                                className="min-h-9 px-3 text-red-600 dark:text-red-400"
                                onClick={() =>
                                  setConfirm({
                                    title: `Remove ${member.email}?`,
                                    body: "They lose access at once. You can restore them from Removed members.",
                                    confirm: "Remove member",
                                    run: () => removeMember(target(member)),
                                    patch: { id: member.id, removed: true },
                                    done: "Member removed",
                                  })
                                }
                              >
                                Remove
                              </Button>
                            </>
                          )}
                        </div>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <Dialog
        open={roleFor !== null}
        onClose={() => setRoleFor(null)}
        title={`Change the role of ${roleFor?.email ?? ""}`}
      >
        {roleFor && (
          <form
            className="grid gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              const role = String(new FormData(event.currentTarget).get("role")) as Role;
              const member = roleFor;
              setRoleFor(null);
              perform(
                () => changeRole({ workspaceId, memberId: member.id, role }),
                { id: member.id, role },
                `${member.email} is now ${role}`,
              );
            }}
          >
            <SelectField
              label="Role"
              name="role"
              defaultValue={roleFor.role}
              options={ROLES.filter((r) => refuseGrant(actorRole, r) === null).map((r) => ({
                value: r,
                label: title(r),
              }))}
            />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="ghost" onClick={() => setRoleFor(null)}>
                Cancel
              </Button>
              <Button type="submit">Save role</Button>
            </div>
          </form>
        )}
      </Dialog>

      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm?.title ?? ""}
        description={confirm?.body}
      >
        {confirm && (
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
            <Button
              type="button"
              className="bg-red-600 hover:bg-red-500"
              onClick={() => {
                const chosen = confirm;
                setConfirm(null);
                perform(chosen.run, chosen.patch, chosen.done);
              }}
            >
              {confirm.confirm}
            </Button>
          </div>
        )}
      </Dialog>
    </>
  );
}

export function RemovedMembers({
  workspaceId,
  removed,
  canRestore,
}: {
  workspaceId: string;
  removed: MemberView[];
  canRestore: boolean;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  if (removed.length === 0) return null;
  return (
    <section aria-labelledby="removed-heading" className="grid gap-2">
      <h3 id="removed-heading" className="font-semibold">
        Removed members
      </h3>
      <ul className="grid gap-2">
        {removed.map((m) => (
          <li
            key={m.id}
            className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-zinc-200 px-4 py-2 text-sm dark:border-zinc-800"
          >
            <span>
              {m.name ?? m.email} · {title(m.role)} · removed <RelativeTime iso={m.removedAt} />
            </span>
            {canRestore && (
              <Button
                variant="secondary"
                className="min-h-9"
                disabled={pending}
                onClick={() =>
                  startTransition(async () => {
                    const result = await restoreMember({ workspaceId, memberId: m.id });
                    if (result.ok) {
                      toast.success(`${m.email} restored`);
                      router.refresh();
                    } else toast.error(result.message);
                  })
                }
              >
                Restore
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
