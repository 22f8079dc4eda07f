import type { z } from "zod";
import { actorUserId, memberIdOf } from "../access/actor";
import type { WorkspaceContext } from "../access/with-workspace";
import type { Role } from "../access/permissions";
import { auditActorOf, writeAudit } from "../audit/write-audit";
import { AppError } from "../errors";
import { publishEvent } from "../events/publish-event";
import { refuseActOn, refuseRoleChange } from "./role-rules";
import { assertActiveOwnerRemains } from "./owner-guard";
import { assertSeatsFor, syncSeatCount } from "./seat-limit";
import { lockMember, lockWorkspaceAndActor, type LockedMember } from "./workspace-lock";
import type { changeRoleSchema, memberTargetSchema } from "./team-schemas";

type Target = z.infer<typeof memberTargetSchema>;

export interface MemberChange {
  memberId: string;
  role: Role;
  status: LockedMember["status"];
  removed: boolean;
}

const refuse = (message: string | null) => {
  if (message) throw new AppError("forbidden", message);
};

/** The actor (re-read under the workspace lock) and the target member, both locked. */
async function begin(ctx: WorkspaceContext, memberId: string): Promise<{ actor: LockedMember; target: LockedMember }> {
  const actor = await lockWorkspaceAndActor(ctx.tx, ctx.workspaceId, ctx.actor);
  const target = memberId === actor.id ? actor : await lockMember(ctx.tx, ctx.workspaceId, memberId);
  return { actor, target };
}
const snapshot = (m: LockedMember) => ({
  email: m.email,
  role: m.role,
  status: m.status,
  removed: m.deletedAt !== null,
});

async function finish(ctx: WorkspaceContext, memberId: string): Promise<MemberChange> {
  await assertActiveOwnerRemains(ctx.tx, ctx.workspaceId);
  await syncSeatCount(ctx.tx, ctx.workspaceId);
  const row = await ctx.tx.teamMember.findUniqueOrThrow({
    where: { id: memberId },
    select: { id: true, role: true, status: true, deletedAt: true },
  });
  return {
    memberId: row.id,
    role: row.role as Role,
    status: row.status as LockedMember["status"],
    removed: row.deletedAt !== null,
  };
}

export async function changeMemberRole(
  ctx: WorkspaceContext,
  input: z.infer<typeof changeRoleSchema>,
): Promise<MemberChange> {
  const { actor, target } = await begin(ctx, input.memberId);
  if (target.deletedAt) throw new AppError("not_found", "That member was removed; restore them first.");
  refuse(refuseRoleChange(actor.role, target.role, input.role));
  if (target.role === input.role) return finish(ctx, target.id);
  await ctx.tx.teamMember.update({
    where: { id: target.id },
    data: { role: input.role, updatedBy: actorUserId(ctx.actor) },
  });
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "member.role_changed",
    targetType: "member",
    targetId: target.id,
    before: snapshot(target),
    after: { ...snapshot(target), role: input.role },
  });
  await publishEvent(ctx.tx, ctx.workspaceId, "member.role_changed", {
    memberId: target.id,
    email: target.email,
    from: target.role,
    to: input.role,
  });
  return finish(ctx, target.id);
}

export async function deactivateMember(ctx: WorkspaceContext, input: Target): Promise<MemberChange> {
  const { actor, target } = await begin(ctx, input.memberId);
  refuse(refuseActOn(actor.role, target.role));
  // As with removal: nobody deactivates themselves (they would lock themselves out); they leave instead.
  if (target.id === actor.id) throw new AppError("conflict", "You cannot deactivate yourself; use “Leave workspace”.");
  if (target.deletedAt || target.status !== "active")
    throw new AppError("conflict", "Only active members can be deactivated.");
  await ctx.tx.teamMember.update({
    where: { id: target.id },
    data: { status: "inactive", updatedBy: actorUserId(ctx.actor) },
  });
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "member.deactivated",
    targetType: "member",
    targetId: target.id,
    before: snapshot(target),
    after: { ...snapshot(target), status: "inactive" },
  });
  return finish(ctx, target.id);
}

export async function reactivateMember(ctx: WorkspaceContext, input: Target): Promise<MemberChange> {
  const { actor, target } = await begin(ctx, input.memberId);
  refuse(refuseActOn(actor.role, target.role));
  if (target.deletedAt || target.status !== "inactive")
    throw new AppError("conflict", "Only deactivated members can be reactivated.");
  await assertSeatsFor(ctx.tx, ctx.workspaceId, 1);
  await ctx.tx.teamMember.update({
    where: { id: target.id },
    data: { status: "active", updatedBy: actorUserId(ctx.actor) },
  });
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "member.reactivated",
    targetType: "member",
    targetId: target.id,
    before: snapshot(target),
    after: { ...snapshot(target), status: "active" },
  });
  return finish(ctx, target.id);
}

/**
 * Soft delete, recording who: restorable. A pending invitation is revoked the
 * same way (`mode: "revoke"` accepts only invitations; "remove" takes either).
 */
export async function removeMember(
  ctx: WorkspaceContext,
  input: Target,
  mode: "remove" | "revoke" = "remove",
): Promise<MemberChange> {
  const { actor, target } = await begin(ctx, input.memberId);
  refuse(refuseActOn(actor.role, target.role));
  if (target.deletedAt) throw new AppError("conflict", "That member was already removed.");
  if (mode === "revoke" && target.status !== "pending")
    throw new AppError("conflict", "Only pending invitations can be revoked.");
  if (target.id === actor.id) throw new AppError("conflict", "To remove yourself, use “Leave workspace”.");
  const action = target.status === "pending" ? "invitation.revoked" : "member.removed";
  await ctx.tx.teamMember.update({
    where: { id: target.id },
    data: { deletedAt: new Date(), deletedBy: actorUserId(ctx.actor), updatedBy: actorUserId(ctx.actor) },
  });
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action,
    targetType: "member",
    targetId: target.id,
    before: snapshot(target),
    after: { ...snapshot(target), removed: true },
  });
  if (action === "member.removed") {
    await publishEvent(ctx.tx, ctx.workspaceId, "member.removed", {
      memberId: target.id,
      email: target.email,
      role: target.role,
    });
  }
  return finish(ctx, target.id);
}

export async function restoreMember(ctx: WorkspaceContext, input: Target): Promise<MemberChange> {
  const { actor, target } = await begin(ctx, input.memberId);
  refuse(refuseActOn(actor.role, target.role));
  if (!target.deletedAt) throw new AppError("conflict", "That member was not removed.");
  if (target.status === "pending")
    throw new AppError("conflict", "A revoked invitation cannot be restored; invite the address again.");
  const live = await ctx.tx.teamMember.count({
    where: { workspaceId: ctx.workspaceId, userId: target.userId, deletedAt: null },
  });
  if (live > 0) throw new AppError("conflict", `${target.email} is already a member again.`);
  if (target.status === "active") await assertSeatsFor(ctx.tx, ctx.workspaceId, 1);
  await ctx.tx.teamMember.update({
    where: { id: target.id },
    data: { deletedAt: null, deletedBy: null, updatedBy: actorUserId(ctx.actor) },
  });
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "member.restored",
    targetType: "member",
    targetId: target.id,
    before: snapshot(target),
    after: { ...snapshot(target), removed: false },
  });
  return finish(ctx, target.id);
}

/** Anyone may leave, except the last active owner. */
export async function leaveWorkspace(ctx: WorkspaceContext): Promise<MemberChange> {
  const { actor } = await begin(ctx, memberIdOf(ctx.actor));
  await ctx.tx.teamMember.update({
    where: { id: actor.id },
    data: { deletedAt: new Date(), deletedBy: actorUserId(ctx.actor), updatedBy: actorUserId(ctx.actor) },
  });
  try {
    await assertActiveOwnerRemains(ctx.tx, ctx.workspaceId);
  } catch {
    throw new AppError("conflict", "You are the last owner: make someone else an owner before you leave.");
  }
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "member.left",
    targetType: "member",
    targetId: actor.id,
    before: snapshot(actor),
    after: { ...snapshot(actor), removed: true },
  });
  await publishEvent(ctx.tx, ctx.workspaceId, "member.removed", {
    memberId: actor.id,
    email: actor.email,
    role: actor.role,
    left: true,
  });
  return finish(ctx, actor.id);
}

/** The owner makes an active member the owner and becomes an admin. */
export async function transferOwnership(ctx: WorkspaceContext, input: Target): Promise<MemberChange> {
  const { actor, target } = await begin(ctx, input.memberId);
  if (actor.role !== "owner") throw new AppError("forbidden", "Only an owner can transfer ownership.");
  if (target.id === actor.id) throw new AppError("conflict", "You already own this workspace.");
  if (target.deletedAt || target.status !== "active")
    throw new AppError("conflict", "Ownership can only go to an active member.");
  await ctx.tx.teamMember.update({
    where: { id: target.id },
    data: { role: "owner", updatedBy: actorUserId(ctx.actor) },
  });
  await ctx.tx.teamMember.update({
    where: { id: actor.id },
    data: { role: "admin", updatedBy: actorUserId(ctx.actor) },
  });
  await writeAudit(ctx.tx, auditActorOf(ctx), {
    action: "workspace.ownership_transferred",
    targetType: "member",
    targetId: target.id,
    before: { owner: actor.email, newOwnerRole: target.role },
    after: { owner: target.email, previousOwnerRole: "admin" },
  });
  await publishEvent(ctx.tx, ctx.workspaceId, "member.role_changed", {
    memberId: target.id,
    email: target.email,
    from: target.role,
    to: "owner",
  });
  await publishEvent(ctx.tx, ctx.workspaceId, "member.role_changed", {
    memberId: actor.id,
    email: actor.email,
    from: "owner",
    to: "admin",
  });
  return finish(ctx, target.id);
}
