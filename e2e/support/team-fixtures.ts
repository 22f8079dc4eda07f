import type { Page } from "@playwright/test";
import type { Role } from "../../lib/access/permissions";
import { INVITATION_TTL_MS, newInvitationToken } from "../../lib/team/invitation-token";
import { createUser, createWorkspace, db, uniqueEmail } from "./db";

/** A pending invitation written directly (as inviteMembers would); returns the raw token for its link. */
export async function createInvitation(
  workspaceId: string,
  role: Role,
  invitedBy: string,
  email = uniqueEmail("pending"),
) {
  const user = await db.user.create({ data: { email } });
  const { token, hash } = newInvitationToken();
  const member = await db.teamMember.create({
    data: {
      workspaceId,
      userId: user.id,
      role,
      status: "pending",
      invitationTokenHash: hash,
      invitationExpiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      invitedBy,
    },
  });
  return { email, token, memberId: member.id };
}

/** An owner's workspace with an admin, a member, a viewer, a deactivated member and two pending invitations. */
export async function createBusyTeam(label: string) {
  const owner = await createUser(`${label}-owner`, "Olga Owner");
  const admin = await createUser(`${label}-admin`, "Ada Admin");
  const member = await createUser(`${label}-member`, "Max Member-With-A-Rather-Long-Name");
  const viewer = await createUser(`${label}-viewer`, "Vera Viewer");
  const inactive = await createUser(`${label}-inactive`, "Ina Inactive");
  const workspace = await createWorkspace(`Busy ${label} ${owner.id.slice(0, 4)}`, [
    { userId: owner.id, role: "owner" },
    { userId: admin.id, role: "admin" },
    { userId: member.id, role: "member" },
    { userId: viewer.id, role: "viewer" },
    { userId: inactive.id, role: "member" },
  ]);
  await db.billingConfig.update({ where: { workspaceId: workspace.id }, data: { teamMembersLimit: 25 } });
  await db.teamMember.updateMany({
    where: { workspaceId: workspace.id, userId: inactive.id },
    data: { status: "inactive" },
  });
  const invitations = [
    await createInvitation(workspace.id, "member", owner.id, uniqueEmail("pending-a")),
    await createInvitation(workspace.id, "viewer", owner.id, uniqueEmail("pending-b")),
  ];
  return { workspace, owner, admin, member, viewer, inactive, invitations };
}

/** Light or dark, as the theme toggle would have saved it (applied before the first paint). */
export async function applyTheme(page: Page, theme: "light" | "dark") {
  await page.addInitScript((value) => localStorage.setItem("theme", value), theme);
}

/** The members as shown: the table (640px and wider) or the list of cards (narrower). */
export function membersView(page: Page) {
  return page.getByRole("table", { name: "Members" }).or(page.getByRole("list", { name: "Members" }));
}

/** One member's row (table) or card (list). */
export function memberEntry(page: Page, text: string) {
  return membersView(page).getByRole("row").or(membersView(page).getByRole("listitem")).filter({ hasText: text });
}
