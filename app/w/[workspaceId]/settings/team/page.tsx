import type { Metadata } from "next";
import Link from "next/link";
import { SectionHeading } from "@/components/settings/section-heading";
import { InviteDialog } from "@/components/team/invite-dialog";
import { LeaveWorkspaceButton } from "@/components/team/leave-workspace-button";
import { RemovedMembers, TeamManager } from "@/components/team/team-manager";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { loadWorkspacePage } from "@/lib/access/load-workspace-page";
import { can } from "@/lib/access/permissions";
import { countSeats } from "@/lib/team/seat-limit";
import { listMembers } from "@/lib/team/list-members";
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
  const load = await loadWorkspacePage(workspaceId, "workspace:read", base, async (ctx) => ({
    list: await listMembers(ctx.tx, workspaceId, query),
    seats: await countSeats(ctx.tx, workspaceId),
    memberId: ctx.member.id,
    workspaceName: (await ctx.tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } }))
      .name,
  }));
  if (!load.allowed) return null; // every role may read the team
  const { list, seats, memberId, workspaceName } = load.data;
  const manages = can(load.role, "team:manage");
  const pageHref = (n: number) =>
    `${base}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(n) })}`;

  return (
    <section className="grid gap-4">
      <SectionHeading
        title="Team"
        description={`${seats.used} of ${seats.limit ?? "unlimited"} seats used (active members and pending invitations)`}
        actions={
          <div className="flex flex-wrap gap-2">
            <LeaveWorkspaceButton workspaceId={workspaceId} workspaceName={workspaceName} />
            {manages && <InviteDialog workspaceId={workspaceId} actorRole={load.role} />}
          </div>
        }
      />
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
      {list.members.length === 0 ? (
        <EmptyState title={query.q ? "No member matches" : "No members yet"}>
          {query.q ? "Try another name or address." : null}
        </EmptyState>
      ) : (
        <TeamManager workspaceId={workspaceId} members={list.members} actorRole={load.role} actorMemberId={memberId} />
      )}
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
