import type { Role } from "@/lib/access/permissions";
import type { MemberView } from "@/lib/team/list-members";

/** What the members table shows of a member and needs to act on them, and nothing more. */
export interface MemberRowData {
  id: string;
  /** The name shown and used in control names: the account's name, else the address. */
  name: string;
  /** The address under the name; absent when the name is the address. */
  email?: string;
  role: Role;
  status: MemberView["status"];
  /** Absent when the member was never active. */
  lastActiveAt?: string;
}

/**
 * A row as the page sends it to the browser: a tuple, since an object would repeat its keys in
 * every row of the payload. Empty strings stand for an absent address or activity.
 */
export type PackedMemberRow = [
  id: string,
  name: string,
  email: string,
  role: Role,
  status: MemberView["status"],
  lastActiveAt: string,
];

/** On the server: the fields the table needs, packed. */
export function packMemberRow(member: MemberView): PackedMemberRow {
  return [
    member.id,
    member.name ?? member.email,
    member.name ? member.email : "",
    member.role,
    member.status,
    member.lastActiveAt ?? "",
  ];
}

/** In the browser: the row back as an object. */
export function unpackMemberRow([id, name, email, role, status, lastActiveAt]: PackedMemberRow): MemberRowData {
  return { id, name, ...(email ? { email } : {}), role, status, ...(lastActiveAt ? { lastActiveAt } : {}) };
}
