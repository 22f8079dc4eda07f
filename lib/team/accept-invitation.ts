import type { SessionUser } from "../access/session-user";
import type { RequestContext } from "../access/request-context";
import { writeAudit } from "../audit/write-audit";
import type pg from "pg";
import type { Db } from "../db/prisma";
import { queryRead, runRead, type SqlRead } from "../db/sql-read";
import { Prisma } from "../generated/prisma/client";
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
 * What a token from an invitation link points at, in one statement. Accepting a
 * link crosses workspaces by nature (the user is not a member yet), so this
 * reads on the connection's own role (the read pool or the system client, or an
 * accept's transaction), by the token's hash only.
 */
export function invitationRead(token: string): SqlRead<InvitationState> | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const read = invitationReadByHash(hashInvitationToken(token));
  return { sql: read.sql, map: (rows) => invitationStateOf(token, rows[0] as InvitationRow | undefined) };
}

/** The invitation row behind a token's hash (the statement `invitationRead` runs; the benchmark times it). */
export function invitationReadByHash(hash: string): SqlRead<unknown> {
  return {
    sql: Prisma.sql`
      SELECT tm.id, tm.status, tm.role, tm.deleted_at, tm.invitation_token_hash, tm.invitation_expires_at,
             w.id AS workspace_id, w.name AS workspace_name, u.email, inviter.name AS inviter_name,
             inviter.email AS inviter_email
        FROM team_members tm
        JOIN workspaces w ON w.id = tm.workspace_id
        JOIN users u ON u.id = tm.user_id
        LEFT JOIN users inviter ON inviter.id = tm.invited_by
       WHERE tm.invitation_token_hash = ${hash}`,
    map: (rows) => rows[0],
  };
}

interface InvitationRow {
  id: string;
  status: string;
  role: string;
  deleted_at: Date | null;
  invitation_token_hash: string | null;
  invitation_expires_at: Date | null;
  workspace_id: string;
  workspace_name: string;
  email: string;
  inviter_name: string | null;
  inviter_email: string | null;
}

function invitationStateOf(token: string, row: InvitationRow | undefined): InvitationState {
  if (!row?.invitation_token_hash || !tokenMatchesHash(token, row.invitation_token_hash)) return { state: "unknown" };
  const workspaceName = row.workspace_name;
  if (row.deleted_at) return { state: "revoked", workspaceName };
  if (row.status !== "pending") return { state: "used", workspaceName };
  if (!row.invitation_expires_at || row.invitation_expires_at.getTime() <= Date.now())
    return { state: "expired", workspaceName };
  return {
    state: "pending",
    memberId: row.id,
    workspaceId: row.workspace_id,
    workspaceName,
    email: row.email,
    role: row.role,
    invitedBy: row.inviter_email ? (row.inviter_name ?? row.inviter_email) : null,
    expiresAt: row.invitation_expires_at,
  };
}

/** `invitationRead` on a Prisma client or transaction, or on a `pg` pool (the invitation page). */
export async function readInvitation(db: Db | TenantTx | pg.Pool, token: string): Promise<InvitationState> {
  const read = invitationRead(token);
  if (!read) return { state: "unknown" };
  return "$queryRaw" in db ? runRead(db, read) : queryRead(db, read);
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
