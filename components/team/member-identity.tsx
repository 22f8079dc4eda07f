import type { MemberRowData } from "./member-rows";

/** Name (or address) with "(you)", and the address under a name; members-table.css styles both lines. */
export function MemberIdentity({ member, isSelf }: { member: Pick<MemberRowData, "name" | "email">; isSelf: boolean }) {
  return (
    <>
      <div>
        {member.name}
        {isSelf && <span className="ml-1 text-xs font-normal text-zinc-600 dark:text-zinc-400">(you)</span>}
      </div>
      {member.email && <div>{member.email}</div>}
    </>
  );
}
