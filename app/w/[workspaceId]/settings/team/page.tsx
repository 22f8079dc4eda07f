import type { Metadata } from "next";
import Link from "next/link";
import { SectionHeading } from "@/components/settings/section-heading";
import { InviteDialog } from "@/components/team/invite-dialog";
import { LeaveWorkspaceButton } from "@/components/team/leave-workspace-button";
import { PendingInvitations } from "@/components/team/pending-invitations";
import { RemovedMembers } from "@/components/team/removed-members";
import { TeamMembers } from "@/components/team/team-members";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { loadWorkspacePage } from "@/lib/access/load-workspace-page";
import { can } from "@/lib/access/permissions";
import { settingsContext } from "@/lib/access/settings-context";
import { teamPageRead } from "@/lib/team/list-members";
import { refuseActOn } from "@/lib/team/role-rules";
import { memberListQuerySchema } from "@/lib/team/team-schemas";

export const metadata: Metadata = { title: "Team" };

type Search = Record<string, string | string[] | undefined>;

export default async function TeamPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Search>;
}) {
  const { workspaceId } = await params;
  const search = await searchParams;
  const parsed = memberListQuerySchema.safeParse({
    q: typeof search.q === "string" && search.q ? search.q : undefined,
    page: typeof search.page === "string" ? search.page : undefined,
  });
  const query = parsed.success ? parsed.data : { page: 1 };
  const base = `/w/${workspaceId}/settings/team`;
  const load = await loadWorkspacePage(workspaceId, "workspace:read", base, (id) => teamPageRead(id, query));
  if (!load.allowed) return null; // every role may read the team
  const { list, seats, owners } = load.data;
  const memberId = load.memberId;
  const context = await settingsContext(workspaceId); // the layout's, already read for this request
  const workspaceName = context.kind === "member" ? context.workspace.name : "this workspace";
  const manages = can(load.role, "team:manage");
  const members = list.members.filter((m) => m.status !== "pending");
  const invitations = list.members.filter((m) => m.status === "pending").map((m) => ({ ...m, sentAt: m.invitedAt }));
  const manageableInvitations = manages
    ? invitations.filter((i) => refuseActOn(load.role, i.role) === null).map((i) => i.id)
    : [];
  const ownerNames = owners.map((o) => o.name);
  const askOwner = ownerNames.length ? `ask ${ownerNames.slice(0, 2).join(" or ")}` : "ask an owner";
  const soleOwner = owners.length === 1 && owners[0]!.memberId === memberId;
  const pageHref = (n: number) =>
    `${base}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(n) })}`;

  return (
    <section className="grid grid-cols-1 gap-4">
      <SectionHeading
        title="Team"
        description={`${seats.used} of ${seats.limit ?? "unlimited"} seats used (active members and pending invitations)`}
        actions={
          <div className="flex flex-wrap items-start gap-2">
            <LeaveWorkspaceButton
              workspaceId={workspaceId}
              workspaceName={workspaceName}
              blockedReason={soleOwner ? "You are the only owner. Transfer ownership before leaving." : undefined}
            />
            {manages && <InviteDialog workspaceId={workspaceId} actorRole={load.role} />}
          </div>
        }
      />
      {!manages && (
        <p className="rounded-lg bg-zinc-100 px-3 py-2 text-sm text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          Only owners and admins can invite — {askOwner}.
        </p>
      )}
      <form method="get" role="search" aria-label="Search members" className="flex gap-2">
        <label className="sr-only" htmlFor="member-search">
          Search members
        </label>
        <input
          id="member-search"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder="Search by name or email"
          className="min-h-10 w-full max-w-sm rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {members.length === 0 ? (
        <EmptyState title={query.q ? "No member matches" : "No members yet"}>
          {query.q ? "Try another name or address." : null}
        </EmptyState>
      ) : (
        <section aria-labelledby="members-heading" className="grid grid-cols-1 gap-2">
          <h3 id="members-heading" className="font-semibold">
            Members
          </h3>
          <TeamMembers workspaceId={workspaceId} members={members} actorRole={load.role} actorMemberId={memberId} />
        </section>
      )}
      <PendingInvitations workspaceId={workspaceId} invitations={invitations} manageable={manageableInvitations} />
      {list.pageCount > 1 && (
        <nav aria-label="Member pages" className="flex items-center justify-between text-sm">
          <span>
            Page {list.page} of {list.pageCount} · {list.total} members
          </span>
          <span className="flex gap-2">
            {list.page > 1 && (
              <Link
                className="rounded-lg px-3 py-2 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                href={pageHref(list.page - 1)}
              >
                Previous
              </Link>
            )}
            {list.page < list.pageCount && (
              <Link
                className="rounded-lg px-3 py-2 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                href={pageHref(list.page + 1)}
              >
                Next
              </Link>
            )}
          </span>
        </nav>
      )}
      <RemovedMembers workspaceId={workspaceId} removed={list.removed} canRestore={manages} />
    </section>
  );
}
