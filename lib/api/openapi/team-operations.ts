import { inviteMembersSchema, MAX_EMAILS_PER_INVITE, memberApiQuerySchema } from "../../team/team-schemas";
import { bodyErrors, IDEMPOTENCY_CONFLICT, QUERY_ERROR, WORKSPACE_ERRORS } from "./common-errors";
import { workspacePathSchema } from "./common-schemas";
import { idempotencyKeyHeaderSchema, ifMatchHeaderSchema, RATE_LIMIT_HEADERS } from "./headers";
import type { OperationSpec } from "./operation-spec";
import { memberTargetBody, TEAM_PATCH_ACTIONS, teamPatchBody } from "./team-requests";
import { inviteResultResponse, memberChangeResponse, memberListResponse, memberPatchResponse } from "./team-responses";

const TEAM = "/api/workspaces/{workspaceId}/team";
const EXAMPLE_MEMBER = "8d3c2b1a-0f9e-4d7c-8b6a-5e4f3d2c1b0a";

const actionTable = Object.entries(TEAM_PATCH_ACTIONS)
  .map(([action, what]) => `- \`${action}\`: ${what}`)
  .join("\n");

export const TEAM_OPERATIONS: Record<string, OperationSpec> = {
  [`GET ${TEAM}`]: {
    operationId: "listTeamMembers",
    summary: "List members",
    description:
      "Members and pending invitations, oldest first, each with its `etag`; removed members come separately. " +
      "Search with `q` (email, or the names of people who joined). Page with `limit` and `cursor` " +
      "(`next_cursor` of the previous answer) or with `page`, not both.",
    tag: "Team",
    access: { kind: "workspace", permission: "workspace:read" },
    path: workspacePathSchema,
    query: memberApiQuerySchema,
    responses: {
      200: { description: "One page of members.", schema: memberListResponse, headers: RATE_LIMIT_HEADERS },
    },
    errors: { 400: QUERY_ERROR, ...WORKSPACE_ERRORS },
  },
  [`POST ${TEAM}`]: {
    operationId: "inviteMembers",
    summary: "Invite members",
    description:
      `Invites up to ${MAX_EMAILS_PER_INVITE} addresses with one role and emails each an invitation link (valid 7 days). ` +
      "The answer says whether each email went out, never the link itself. Addresses already in the team are " +
      "skipped, with why. Invitations count against the plan's member limit.",
    tag: "Team",
    access: { kind: "workspace", permission: "team:manage" },
    path: workspacePathSchema,
    headers: idempotencyKeyHeaderSchema,
    body: {
      schema: inviteMembersSchema.omit({ workspaceId: true }),
      example: { emails: ["ana@example.com", "ben@example.com"], role: "member" },
    },
    responses: {
      200: {
        description: "Who was invited and who was skipped.",
        schema: inviteResultResponse,
        headers: [...RATE_LIMIT_HEADERS, { name: "Idempotent-Replayed" }],
      },
    },
    errors: {
      ...bodyErrors(),
      ...WORKSPACE_ERRORS,
      403: "The caller may not manage the team, or not grant this role (nobody invites above their own role).",
      409: `The plan's member limit would be exceeded. Or: ${IDEMPOTENCY_CONFLICT}`,
      429: "Too many invitations from this workspace for now, or the API key's budget is spent; see Retry-After.",
    },
  },
  [`PATCH ${TEAM}`]: {
    operationId: "changeTeamMember",
    summary: "Change a member",
    description:
      `One member operation, chosen by \`action\`:\n\n${actionTable}\n\n` +
      "With `If-Match: <the member's etag>` it applies only if the member has not changed since you read it " +
      "(412 otherwise); the member's new ETag comes back in the `ETag` header.",
    tag: "Team",
    access: { kind: "workspace", permission: "team:manage" },
    path: workspacePathSchema,
    headers: ifMatchHeaderSchema,
    body: {
      schema: teamPatchBody,
      example: { action: "change_role", memberId: EXAMPLE_MEMBER, role: "admin" },
    },
    responses: {
      200: {
        description: "The member after the change (`resend`: the new invitation's delivery).",
        schema: memberPatchResponse,
        headers: [{ name: "ETag", required: true }, ...RATE_LIMIT_HEADERS],
      },
    },
    errors: {
      ...bodyErrors(),
      ...WORKSPACE_ERRORS,
      403: "The caller may not manage the team, or not this member or role (nobody acts on or grants above their own role; only owners transfer ownership).",
      404: "The workspace or the member was not found (or the member was removed: restore them first).",
      409: "The member is not in a state for this action (e.g. deactivating someone inactive), the change would leave no active owner, or the plan has no free seat.",
      412: "If-Match does not match the member's current ETag: read the member again, then retry.",
      429: "Too many invitation emails (resend) for now, or the API key's budget is spent; see Retry-After.",
    },
  },
  [`DELETE ${TEAM}`]: {
    operationId: "removeTeamMember",
    summary: "Remove a member",
    description:
      "Removes a member (soft: restorable with PATCH `restore`) or revokes a pending invitation. " +
      "Nobody removes themselves this way (they leave on the Team tab).",
    tag: "Team",
    access: { kind: "workspace", permission: "team:manage" },
    path: workspacePathSchema,
    body: { schema: memberTargetBody, example: { memberId: EXAMPLE_MEMBER } },
    responses: {
      200: { description: "The member after the removal.", schema: memberChangeResponse, headers: RATE_LIMIT_HEADERS },
    },
    errors: {
      ...bodyErrors(),
      ...WORKSPACE_ERRORS,
      403: "The caller may not manage the team, or not this member (nobody acts on a higher role).",
      404: "The workspace or the member was not found.",
      409: "The member was already removed, is the caller, or is the last active owner.",
    },
  },
};
