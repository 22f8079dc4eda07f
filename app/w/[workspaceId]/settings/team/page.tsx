import type { Metadata } from "next";
import { SectionHeading } from "@/components/settings/section-heading";
import { MembersTable } from "@/components/team/members-table";
import { EmptyState } from "@/components/ui/empty-state";
import { loadWorkspacePage } from "@/lib/access/load-workspace-page";
import { listMembers } from "@/lib/team/list-members";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const load = await loadWorkspacePage(workspaceId, "workspace:read", `/w/${workspaceId}/settings/team`, ({ tx }) =>
    listMembers(tx, workspaceId),
  );
  if (!load.allowed) return null; // every role may read the team
  const members = load.data;
  const active = members.filter((m) => m.status === "active").length;
  const pending = members.filter((m) => m.status === "pending").length;
  return (
    <section className="grid gap-4">
      <SectionHeading title="Team" description={`${active} active · ${pending} pending invitation${pending === 1 ? "" : "s"}`} />
      {members.length === 0 ? <EmptyState title="No members yet" /> : <MembersTable members={members} />}
    </section>
  );
}
