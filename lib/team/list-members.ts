import type { Prisma } from "../generated/prisma/client";
import type { TenantTx } from "../db/tenant-transaction";
import type { Role } from "../access/permissions";
import type { MemberListQuery } from "./team-schemas";

export interface MemberView {
  id: string;
  /** null until the invitation is accepted: nothing about an invitee's account is shown before they join. */
  userId: string | null;
  /** The account's display name; null for pending invitations (only the invited address is shown). */
  name: string | null;
  email: string;
  role: Role;
  status: "pending" | "active" | "inactive";
  lastActiveAt: string | null;
  invitedBy: string | null;
  invitationExpiresAt: string | null;
  joinedAt: string | null;
  removedAt: string | null;
}

export const MEMBERS_PAGE_SIZE = 25;

const select = {
  id: true,
  role: true,
  status: true,
  lastActiveAt: true,
  invitationExpiresAt: true,
  joinedAt: true,
  deletedAt: true,
  user: { select: { id: true, name: true, email: true } },
  inviter: { select: { name: true, email: true } },
} satisfies Prisma.TeamMemberSelect;

type Row = Prisma.TeamMemberGetPayload<{ select: typeof select }>;

function view(row: Row): MemberView {
  // An invitation reveals nothing about whether the address has an account.
  const joined = row.status !== "pending";
  return {
    id: row.id,
    userId: joined ? row.user.id : null,
    name: joined ? row.user.name : null,
    email: row.user.email,
    role: row.role as Role,
    status: row.status as MemberView["status"],
    lastActiveAt: row.lastActiveAt?.toISOString() ?? null,
    invitedBy: row.inviter ? (row.inviter.name ?? row.inviter.email) : null,
    invitationExpiresAt: row.status === "pending" ? (row.invitationExpiresAt?.toISOString() ?? null) : null,
    joinedAt: row.joinedAt?.toISOString() ?? null,
    removedAt: row.deletedAt?.toISOString() ?? null,
  };
}

export interface MemberList {
  members: MemberView[];
  total: number;
  page: number;
  pageCount: number;
  /** Removed members (restorable); revoked invitations are not listed. */
  removed: MemberView[];
}

/** Members and pending invitations with server-side search (name or email) and pagination. */
export async function listMembers(
  tx: TenantTx,
  workspaceId: string,
  query: MemberListQuery = { page: 1 },
): Promise<MemberList> {
  // Names are searched only for people who joined: an invitee's account name must not be probeable.
  const search: Prisma.TeamMemberWhereInput = query.q
    ? {
        OR: [
          { user: { email: { contains: query.q, mode: "insensitive" } } },
          { status: { not: "pending" }, user: { name: { contains: query.q, mode: "insensitive" } } },
        ],
      }
    : {};
  const where: Prisma.TeamMemberWhereInput = { workspaceId, deletedAt: null, ...search };
  // One after the other: statements on one transaction's connection never overlap.
  const total = await tx.teamMember.count({ where });
  const rows = await tx.teamMember.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (query.page - 1) * MEMBERS_PAGE_SIZE,
    take: MEMBERS_PAGE_SIZE,
    select,
  });
  const removed = await tx.teamMember.findMany({
    where: { workspaceId, deletedAt: { not: null }, status: { not: "pending" }, ...search },
    orderBy: { deletedAt: "desc" },
    take: 50,
    select,
  });
  return {
    members: rows.map(view),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / MEMBERS_PAGE_SIZE)),
    removed: removed.map(view),
  };
}
