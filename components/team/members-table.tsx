import { RelativeTime } from "@/components/settings/relative-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { MemberView } from "@/lib/team/list-members";

const STATUS_TONE: Record<MemberView["status"], BadgeTone> = { active: "good", pending: "warn", inactive: "neutral" };

export function MembersTable({ members }: { members: MemberView[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">Members</caption>
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Member</th>
            <th scope="col" className="px-4 py-3 font-medium">Role</th>
            <th scope="col" className="px-4 py-3 font-medium">Status</th>
            <th scope="col" className="px-4 py-3 font-medium">Last active</th>
            <th scope="col" className="px-4 py-3 font-medium">Invited by</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {members.map((member) => (
            <tr key={member.id}>
              <td className="px-4 py-3">
                <div className="font-medium">{member.name ?? member.email}</div>
                {member.name && <div className="text-zinc-500">{member.email}</div>}
              </td>
              <td className="px-4 py-3 capitalize">{member.role}</td>
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
