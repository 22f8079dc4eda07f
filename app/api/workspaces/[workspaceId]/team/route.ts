import { workspaceRoute } from "@/lib/access/define-route";
import { readJsonBody } from "@/lib/access/read-json-body";
import { invalidInput } from "@/lib/errors";
import { inviteMembers, rotateInvitation } from "@/lib/team/invitations";
import { listMembers } from "@/lib/team/list-members";
import {
  changeMemberRole,
  deactivateMember,
  reactivateMember,
  removeMember,
  restoreMember,
  transferOwnership,
} from "@/lib/team/manage-members";
import {
  inviteMembersSchema,
  memberListQuerySchema,
  memberTargetSchema,
  teamPatchSchema,
} from "@/lib/team/team-schemas";
import { can } from "@/lib/access/permissions";
import { forbidden } from "@/lib/errors";
import { z } from "zod";

/** GET /api/workspaces/{id}/team?q=&page=: members and pending invitations. */
export const GET = workspaceRoute("workspace:read", ({ tx, workspaceId }, request) => {
  const query = memberListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidInput(query.error);
  return listMembers(tx, workspaceId, query.data);
});

/** POST {emails, role}: invite. The response carries no links: invitations go out by email. */
export const POST = workspaceRoute("team:manage", async (ctx, request) => {
  const input = inviteMembersSchema
    .omit({ workspaceId: true })
    .strict()
    .safeParse(await bodyObject(request));
  if (!input.success) throw invalidInput(input.error);
  const result = await inviteMembers(ctx, { ...input.data, workspaceId: ctx.workspaceId });
  return { invited: result.invited.map(({ memberId, email }) => ({ memberId, email })), skipped: result.skipped };
});

/** PATCH {action, memberId, role?}: change_role, deactivate, reactivate, restore, resend, transfer_ownership. */
export const PATCH = workspaceRoute("team:manage", async (ctx, request) => {
  const body = teamPatchSchema.safeParse(await bodyObject(request));
  if (!body.success) throw invalidInput(body.error);
  const target = { workspaceId: ctx.workspaceId, memberId: body.data.memberId };
  switch (body.data.action) {
    case "change_role":
      return changeMemberRole(ctx, { ...target, role: body.data.role });
    case "deactivate":
      return deactivateMember(ctx, target);
    case "reactivate":
      return reactivateMember(ctx, target);
    case "restore":
      return restoreMember(ctx, target);
    case "resend": {
      const { memberId, email } = await rotateInvitation(ctx, target, "resent");
      return { memberId, email };
    }
    case "transfer_ownership":
      if (!can(ctx.member.role, "workspace:own")) throw forbidden("transfer ownership");
      return transferOwnership(ctx, target);
  }
});

/** DELETE {memberId}: remove a member (soft, restorable) or revoke a pending invitation. */
export const DELETE = workspaceRoute("team:manage", async (ctx, request) => {
  const body = z
    .object({ memberId: z.string() })
    .strict()
    .safeParse(await bodyObject(request));
  if (!body.success) throw invalidInput(body.error);
  const target = memberTargetSchema.safeParse({ workspaceId: ctx.workspaceId, memberId: body.data.memberId });
  if (!target.success) throw invalidInput(target.error);
  const pending = await ctx.tx.teamMember.findFirst({
    where: { id: target.data.memberId, workspaceId: ctx.workspaceId, status: "pending" },
    select: { id: true },
  });
  return removeMember(ctx, target.data, pending ? "invitation.revoked" : "member.removed");
});

async function bodyObject(request: Request): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request);
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw invalidInput(new z.ZodError([{ code: "custom", path: [], message: "Send a JSON object" }]));
  return body as Record<string, unknown>;
}
