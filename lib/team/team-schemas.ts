import { z } from "zod";
import { ROLES } from "../access/permissions";
import { workspaceIdSchema } from "../access/ids";
import { pageQueryShapeOf } from "../api/page-query";
import { plainText } from "../validation/plain-text";

/** Inputs of the team actions; the forms, the actions and the REST handlers share them. */

const memberId = z.guid({ error: "Not a member id" });
export const roleSchema = z.enum(ROLES, { error: "Choose owner, admin, member or viewer" });

export const MAX_EMAILS_PER_INVITE = 20;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, "That address is too long")
  .pipe(z.email({ error: "Enter valid email addresses, like ana@example.com" }));

export const inviteMembersSchema = z
  .object({
    workspaceId: workspaceIdSchema,
    emails: z
      .array(email)
      .min(1, "Enter at least one email address")
      .max(MAX_EMAILS_PER_INVITE, `Invite at most ${MAX_EMAILS_PER_INVITE} addresses at a time`)
      .transform((list) => [...new Set(list)]),
    role: roleSchema,
  })
  .strict();

/** The form's Email field holds one or several addresses, separated by commas, spaces or new lines. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

export const memberTargetSchema = z.object({ workspaceId: workspaceIdSchema, memberId }).strict();
export const changeRoleSchema = z.object({ workspaceId: workspaceIdSchema, memberId, role: roleSchema }).strict();
export const leaveWorkspaceSchema = z.object({ workspaceId: workspaceIdSchema }).strict();

export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "That invitation link is not valid");
export const acceptInvitationSchema = z.object({ token: invitationTokenSchema }).strict();

export const memberListQuerySchema = z
  .object({
    q: plainText(200, "The search").trim().optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .strict();
export type MemberListQuery = z.infer<typeof memberListQuerySchema> & {
  /** REST: keyset pagination instead of pages (`next_cursor` of the previous answer). */
  cursor?: string;
  limit?: number;
};

/** GET /api/workspaces/{id}/team: a search, and either `page` or `limit` + `cursor`. */
export const memberApiQuerySchema = z
  .object({
    q: plainText(200, "The search").trim().optional(),
    page: z.coerce.number().int().min(1).max(10_000).optional(),
    // 25 by default, as the Team tab pages (MEMBERS_PAGE_SIZE in list-members.ts).
    ...pageQueryShapeOf(25),
  })
  .strict()
  .refine((query) => !(query.page && query.cursor), {
    message: "Use either page or cursor, not both",
    path: ["cursor"],
  })
  .transform((query) => ({ ...query, page: query.page ?? 1 }));
