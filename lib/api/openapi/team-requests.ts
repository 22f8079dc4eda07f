import { z } from "zod";
import { changeRoleSchema, memberTargetSchema } from "../../team/team-schemas";

/** Bodies of the team routes: the actions' own input schemas without `workspaceId` (it comes from the URL). */
export const memberTargetBody = memberTargetSchema.omit({ workspaceId: true });

/**
 * PATCH /team picks the action by `action` (app/api/workspaces/[workspaceId]/team/route.ts); what each
 * does and the permission it needs beyond `team:manage`.
 */
export const TEAM_PATCH_ACTIONS = {
  change_role: "Give the member another role (`role`). Nobody grants above their own role.",
  deactivate: "Suspend an active member: they keep their seat but cannot act.",
  reactivate: "Let a deactivated member act again (needs a free seat).",
  restore: "Bring back a removed member.",
  resend: "Email a pending invitation again with a new link (the old link stops working).",
  transfer_ownership: "Make an active member the owner; the caller becomes an admin. Owners only, never an API key.",
} as const;
export type TeamPatchAction = keyof typeof TEAM_PATCH_ACTIONS;

const [first, ...rest] = (Object.keys(TEAM_PATCH_ACTIONS) as TeamPatchAction[]).filter((a) => a !== "change_role");

export const teamPatchBody = z
  .discriminatedUnion("action", [
    changeRoleSchema.omit({ workspaceId: true }).extend({ action: z.literal("change_role") }),
    memberTargetBody.extend({ action: z.enum([first!, ...rest]) }),
  ])
  .meta({ id: "MemberOperation", description: "One member operation, chosen by `action`." });
