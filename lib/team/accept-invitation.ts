import type { SessionUser } from "../access/session-user";
import type { RequestContext } from "../access/request-context";
import { writeAudit } from "../audit/write-audit";
import type { Db } from "../db/prisma";
import { AppError } from "../errors";
import { publishEvent } from "../events/publish-event";
import type { TenantTx } from "../db/tenant-transaction";
import { hashInvitationToken, sameAddress, tokenMatchesHash } from "./invitation-token";

export type InvitationState =
  | { state: "unknown" }
  | { state: "revoked" | "used" | "expired"; workspaceName: string }
  | {
      state: "pending";
      memberId: string;
      workspaceId: string;
      workspaceName: string;
      email: string;
      role: string;
      invitedBy: string | null;
      expiresAt: Date;
    };

/**
 * What a token from an invitation link points at. Accepting a link crosses
 * workspaces by nature (the user is not a member yet), so this reads with the
 * system client, by the token's hash only.
 */
export async function readInvitation(db: Db | TenantTx, token: string): Promise<InvitationState> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { state: "unknown" };
  const row = await db.teamMember.findUnique({
    where: { invitationTokenHash: hashInvitationToken(token) },
    select: {
      id: true,
      status: true,
      role: true,
      deletedAt: true,
      invitationTokenHash: true,
      invitationExpiresAt: true,
      workspace: { select: { id: true, name: true } },
      user: { select: { email: true } },
      inviter: { select: { name: true, email: true } },
    },
  });
  if (!row?.invitationTokenHash || !tokenMatchesHash(token, row.invitationTokenHash)) return { state: "unknown" };
  const workspaceName = row.workspace.name;
  if (row.deletedAt) return { state: "revoked", workspaceName };
  if (row.status !== "pending") return { state: "used", workspaceName };
  if (!row.invitationExpiresAt || row.invitationExpiresAt.getTime() <= Date.now())
    return { state: "expired", workspaceName };
  return {
    state: "pending",
    memberId: row.id,
    workspaceId: row.workspace.id,
    workspaceName,
    email: row.user.email,
    role: row.role,
    invitedBy: row.inviter ? (row.inviter.name ?? row.inviter.email) : null,
    expiresAt: row.invitationExpiresAt,
  };
}

const MESSAGES = {
  unknown: "This invitation link is not valid. Ask for a new invitation.",
  revoked: "This invitation was revoked or the membership was removed.",
  used: "This invitation was already used.",
  expired: "This invitation has expired. Ask an admin of the workspace to resend it.",
} as const;

/**
 * Joins the signed-in user to the workspace of a pending invitation addressed
 * to them. The row is locked, so two concurrent accepts make one membership.
 */
export async function acceptInvitation(
  db: Db,
  user: SessionUser,
  token: string,
  request: RequestContext | null,
): Promise<{ workspaceId: string; workspaceName: string; memberId: string; role: string }> {
  return db.$transaction(async (tx) => {
    const hash = hashInvitationToken(token);
    const [locked] = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM team_members WHERE invitation_token_hash = ${hash} FOR UPDATE`;
    if (!locked) throw new AppError("not_found", MESSAGES.unknown);
    const state = await readInvitation(tx, token);
    if (state.state !== "pending")
      throw new AppError(state.state === "unknown" ? "not_found" : "conflict", MESSAGES[state.state]);
    if (!sameAddress(user.email, state.email)) {
      throw new AppError("forbidden", `This invitation is for ${state.email}; you are signed in as ${user.email}.`);
    }
    const now = new Date();
    await tx.teamMember.update({
      where: { id: state.memberId },
      data: { status: "active", joinedAt: now, lastActiveAt: now, invitationExpiresAt: null, updatedBy: user.id },
    });
    const actor = { workspaceId: state.workspaceId, user, request };
    await writeAudit(tx, actor, {
      action: "member.joined",
      targetType: "member",
      targetId: state.memberId,
      after: { email: state.email, role: state.role },
    });
    await publishEvent(tx, state.workspaceId, "member.joined", {
      memberId: state.memberId,
      email: state.email,
      role: state.role,
    });
    return {
      workspaceId: state.workspaceId,
      workspaceName: state.workspaceName,
      memberId: state.memberId,
      role: state.role,
    };
  });
}

/** Owners and admins to tell that someone joined (system client: runs after the join committed). */
export async function joinNotificationRecipients(db: Db, workspaceId: string, exceptUserId: string): Promise<string[]> {
  const rows = await db.teamMember.findMany({
    where: {
      workspaceId,
      deletedAt: null,
      status: "active",
      role: { in: ["owner", "admin"] },
      userId: { not: exceptUserId },
    },
    select: { user: { select: { email: true } } },
  });
  return rows.map((r) => r.user.email);
}
