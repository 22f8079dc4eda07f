import type { MemberView } from "@/lib/team/list-members";

/** The status as a badge; members-table.css paints it by `data-status` (green when active). */
export function MemberStatusBadge({ status }: { status: MemberView["status"] }) {
  return <span data-status={status}>{status}</span>;
}
