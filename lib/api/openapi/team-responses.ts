import { z } from "zod";
import { dataEnvelope, idSchema, nextCursorSchema, nullableTimestampSchema, roleSchema } from "./common-schemas";

const memberStatusSchema = z.enum(["pending", "active", "inactive"]);

/** lib/team/list-members.ts `MemberView`. */
export const memberSchema = z
  .strictObject({
    id: idSchema.meta({ description: "The member's id (`memberId` in PATCH and DELETE)." }),
    userId: idSchema.nullable().meta({ description: "null until the invitation is accepted." }),
    name: z.string().nullable().meta({ description: "The account's name; null for pending invitations." }),
    email: z.string().meta({ example: "ana@example.com" }),
    role: roleSchema,
    status: memberStatusSchema,
    lastActiveAt: nullableTimestampSchema,
    invitedBy: z.string().nullable().meta({ description: "The inviter's name or address." }),
    invitedAt: nullableTimestampSchema.meta({ description: "Pending invitations: when it was sent." }),
    invitationExpiresAt: nullableTimestampSchema,
    joinedAt: nullableTimestampSchema,
    removedAt: nullableTimestampSchema,
    etag: z
      .string()
      .regex(/^"[0-9a-f]{20}"$/)
      .meta({
        description: "The member's version: send it as `If-Match` with PATCH so a stale change is refused (412).",
        example: '"3f9a1c0b7d2e4a5f6b8c"',
      }),
  })
  .meta({ id: "Member", description: "A member or a pending invitation." });

/** lib/team/list-members.ts `MemberList`. */
export const memberListSchema = z
  .strictObject({
    members: z.array(memberSchema).meta({ description: "Active and inactive members and pending invitations." }),
    total: z.number().int().min(0).meta({ description: "How many match the search, on every page." }),
    page: z.number().int().min(1),
    pageCount: z.number().int().min(1),
    removed: z.array(memberSchema).meta({ description: "Removed members (restorable), newest first, up to 50." }),
    next_cursor: nextCursorSchema,
  })
  .meta({ id: "MemberList" });

/** lib/team/manage-members.ts `MemberChange`. */
export const memberChangeSchema = z
  .strictObject({ memberId: idSchema, role: roleSchema, status: memberStatusSchema, removed: z.boolean() })
  .meta({ id: "MemberChange", description: "The member after the change." });

/** An invitation as REST reports it: whether the email went out, never the link (lib/team/without-invitation-links.ts). */
export const invitationDeliverySchema = z
  .strictObject({
    memberId: idSchema,
    email: z.string(),
    emailSent: z.boolean().meta({ description: "Whether the email was handed to the mail server." }),
  })
  .meta({ id: "InvitationDelivery" });

export const inviteResultSchema = z
  .strictObject({
    invited: z.array(invitationDeliverySchema),
    skipped: z.array(
      z.strictObject({
        email: z.string(),
        reason: z.string().meta({ example: "already a member" }),
      }),
    ),
  })
  .meta({ id: "InviteResult" });

export const memberListResponse = dataEnvelope(memberListSchema);
export const inviteResultResponse = dataEnvelope(inviteResultSchema);
/** PATCH: the member after the change; `resend` answers the new invitation's delivery instead. */
export const memberPatchResponse = dataEnvelope(z.union([memberChangeSchema, invitationDeliverySchema]));
export const memberChangeResponse = dataEnvelope(memberChangeSchema);
