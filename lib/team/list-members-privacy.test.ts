// A pending invitation shows only the invited address: an invitee's existing account (its name, its
// user id) is not revealed, nor probeable by name search, until they accept (real PostgreSQL).
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tenantTransaction } from "../db/tenant-transaction";
import { createRoleWorkspace, createSession, httpRequest, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";
import { listMembers, type MemberList, type MemberView } from "./list-members";
import { acceptInvitationAction, inviteMembersAction } from "./team-action-definitions";

const db = testPrisma();
afterAll(() => db.$disconnect());

const teamRoute = () =>
  import(path.resolve(import.meta.dirname, "../../app/api/workspaces/[workspaceId]/team/route.ts"));

/** The list as the Team tab loads it, and as GET /api/workspaces/{id}/team answers a viewer. */
async function listBoth(ws: RoleWorkspace, q?: string): Promise<[MemberList, MemberList]> {
  const direct = await tenantTransaction(db, ws.workspaceId, (tx) =>
    listMembers(tx, ws.workspaceId, q === undefined ? { page: 1 } : { q, page: 1 }),
  );
  const { GET } = await teamRoute();
  const response: Response = await GET(
    httpRequest(
      `/api/workspaces/${ws.workspaceId}/team${q === undefined ? "" : `?q=${encodeURIComponent(q)}`}`,
      ws.actors.viewer.token,
    ),
    { params: Promise.resolve({ workspaceId: ws.workspaceId }) },
  );
  expect(response.status).toBe(200);
  return [direct, ((await response.json()) as { data: MemberList }).data];
}

const rowFor = (list: MemberList, email: string): MemberView | undefined => list.members.find((m) => m.email === email);

describe("an invitee with an existing account", () => {
  it("is listed by address only until they accept; name search cannot find them; then name and id appear", async () => {
    const ws = await createRoleWorkspace(db, "privacy");
    const email = `invitee-${randomUUID().slice(0, 8)}@privacy.example`;
    const invitee = await db.user.create({ data: { email, name: "Secret Name" }, select: { id: true } });

    const invited = await inviteMembersAction.run(requestAs(ws.actors.owner.token), {
      workspaceId: ws.workspaceId,
      emails: [email],
      role: "member",
    });
    expect(invited).toMatchObject({ ok: true });
    if (!invited.ok) throw new Error("unreachable");
    // The inviter's own answer names no account either.
    expect(JSON.stringify(invited.data)).not.toContain("Secret Name");
    expect(JSON.stringify(invited.data)).not.toContain(invitee.id);

    for (const list of await listBoth(ws)) {
      const row = rowFor(list, email);
      expect(row).toMatchObject({ status: "pending", email, name: null, userId: null });
      expect(JSON.stringify(list)).not.toContain("Secret Name");
      expect(JSON.stringify(list)).not.toContain(invitee.id);
    }

    const searches: [q: string, found: boolean][] = [
      ["Secret", false],
      ["secret name", false],
      ["Name", false],
      [email.slice(0, 12), true],
      [email.split("@")[0]!.slice(8).toUpperCase(), true],
      ["privacy.example", true],
    ];
    for (const [q, found] of searches) {
      for (const list of await listBoth(ws, q)) {
        const row = rowFor(list, email);
        if (!found) expect(row, q).toBeUndefined();
        else expect(row, q).toMatchObject({ name: null, userId: null });
      }
    }

    // The invitee accepts: now a member, shown with their account.
    const token = invited.data.invited[0]!.link.split("/invitations/")[1]!;
    const accepted = await acceptInvitationAction.run(requestAs(await createSession(db, invitee.id)), { token });
    expect(accepted).toMatchObject({ ok: true });

    for (const list of await listBoth(ws)) {
      expect(rowFor(list, email)).toMatchObject({ status: "active", name: "Secret Name", userId: invitee.id });
    }
    for (const list of await listBoth(ws, "Secret Name")) {
      expect(rowFor(list, email)).toMatchObject({ name: "Secret Name", userId: invitee.id });
    }
  });
});
