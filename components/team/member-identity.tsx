import type { MemberView } from "@/lib/team/list-members";

/** Name (or address) with "(you)", and the address under a name. */
export function MemberIdentity({ member, isSelf }: { member: MemberView; isSelf: boolean }) {
  return (
    <div className="min-w-0">
      <div className="truncate font-medium">
        {member.name ?? member.email}
        {isSelf && <span className="ml-1 text-xs font-normal text-zinc-600 dark:text-zinc-400">(you)</span>}
      </div>
      {member.name && <div className="truncate text-sm text-zinc-600 dark:text-zinc-400">{member.email}</div>}
    </div>
  );
}
