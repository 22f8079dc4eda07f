import type { z } from "zod";
import { actorLabel, actorUserId } from "../access/actor";
import type { WorkspaceContext } from "../access/with-workspace";
import { auditActorOf, writeAudit } from "../audit/write-audit";
import { AppError } from "../errors";
import { publishEvent } from "../events/publish-event";
import { consumeInviteBudget } from "../rate-limit/invite-limits";
import { INVITATION_TTL_MS, newInvitationToken } from "./invitation-token";
import { refuseActOn, refuseGrant } from "./role-rules";
import { assertSeatsFor, syncSeatCount } from "./seat-limit";
import { lockMember, lockWorkspaceAndActor } from "./workspace-lock";
import type { inviteMembersSchema, memberTargetSchema } from "./team-schemas";

export interface IssuedInvitation {
  memberId: string;
  email: string;
  /** The raw token: returned once to the inviter (for the email and "Copy link"); only its hash is stored. */
  token: string;
}

export interface InviteResult {
  invited: IssuedInvitation[];
  skipped: { email: string; reason: string }[];
}

const currentActorRole = async (ctx: WorkspaceContext) =>
  (await lockWorkspaceAndActor(ctx.tx, ctx.workspaceId, ctx.actor)).role;

/** Invites one or several addresses with a role, within the plan's member limit and the rate limits. */
export async function inviteMembers(
  ctx: WorkspaceContext,
  input: z.infer<typeof inviteMembersSchema>,
): Promise<InviteResult> {
  const actorRole = await currentActorRole(ctx);
  const refusal = refuseGrant(actorRole, input.role);
  if (refusal) throw new AppError("forbidden", refusal);

  const skipped: InviteResult["skipped"] = [];
  const toInvite: { email: string; userId: string }[] = [];
  for (const email of input.emails) {
    // Finds or creates the address's users row (a narrow SECURITY DEFINER function; see the migration).
    const [row] = await ctx.tx.$queryRaw<{ id: string }[]>`SELECT ensure_user_for_invitation(${email}) AS id`;
    const existing = await ctx.tx.teamMember.findFirst({
      where: { workspaceId: ctx.workspaceId, userId: row!.id, deletedAt: null },
      select: { status: true },
    });
    if (existing) {
      skipped.push({
        email,
        reason: existing.status === "pending" ? "already invited (use Resend)" : "already a member",
      });
      continue;
    }
    toInvite.push({ email, userId: row!.id });
  }
  if (toInvite.length === 0) return { invited: [], skipped };

  await assertSeatsFor(ctx.tx, ctx.workspaceId, toInvite.length);
  await consumeInviteBudget(ctx, toInvite.length);

  const invited: IssuedInvitation[] = [];
  const expires = new Date(Date.now() + INVITATION_TTL_MS);
  for (const { email, userId } of toInvite) {
    const { token, hash } = newInvitationToken();
    const member = await ctx.tx.teamMember.create({
      data: {
        workspaceId: ctx.workspaceId,
        userId,
        role: input.role,
        status: "pending",
        invitationTokenHash: hash,
        invitationExpiresAt: expires,
        invitedBy: actorUserId(ctx.actor),
        createdBy: actorUserId(ctx.actor),
        updatedBy: actorUserId(ctx.actor),
      },
      select: { id: true },
    });
    await writeAudit(ctx.tx, auditActorOf(ctx), {
      action: "invitation.sent",
      targetType: "member",
      targetId: member.id,
      after: { email, role: input.role, expiresAt: expires },
    });
    await publishEvent(ctx.tx, ctx.workspaceId, "member.invited", {
      memberId: member.id,
      email,
      role: input.role,
      invitedBy: actorLabel(ctx.actor),
    });
    invited.push({ memberId: member.id, email, token });
  }
  await syncSeatCount(ctx.tx, ctx.workspaceId);
  return { invited, skipped };
}

/**
 * Issues a new token for a pending invitation (the old link stops working) and
 * a fresh 7-day expiry. Used by "Resend" (then emailed) and "Copy link".
 */
export async function rotateInvitation(
  ctx: WorkspaceContext,
  input: z.infer<typeof memberTargetSchema>,
  reason: "resent" | "link_copied",
): Promise<IssuedInvitation> {
  const actorRole = await currentActorRole(ctx);
  const target = await lockMember(ctx.tx, ctx.workspaceId, input.memberId);
  const refusal = refuseActOn(actorRole, target.role);
  if (refusal) throw new AppError("forbidden", refusal);
  if (target.deletedAt || target.status !== "pending")
    throw new AppError("conflict", "Only pending invitations can be re-sent.");
  if (reason === "resent") await consumeInviteBudget(ctx, 1);
  const { token, hash } = newInvitationToken();
  const expires = new Date(Date.now() + INVITATION_TTL_MS);
  await ctx.tx.teamMember.update({
    where: { id: target.id },
    data: { invitationTokenHash: hash, invitationExpiresAt: expires, updatedBy: actorUserId(ctx.actor) },
  });
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: `invitation.${reason}`,
    targetType: "member",
    targetId: target.id,
    after: { email: target.email, expiresAt: expires },
  });
  return { memberId: target.id, email: target.email, token };
}
