import { randomBytes } from "node:crypto";
import type { Db } from "../../lib/db/prisma";

export interface PageFixture {
  workspaceId: string;
  /** The signed-in owner's session cookie. */
  cookie: string;
  /** A member (role "member") the server action changes to "member": a no-op that still locks the team. */
  memberId: string;
}

/** Names the pages show, to check each answer is the real page. */
export const memberName = (i: number) => `Member ${i}`;
export const integrationName = (i: number) => `Hook ${i}`;

/** A workspace with 50 members, a billing plan and 3 integrations, and a signed-in owner. */
export async function pageFixture(db: Db): Promise<PageFixture> {
  const tag = randomBytes(4).toString("hex");
  const workspace = await db.workspace.create({ data: { name: `Bench pages ${tag}`, slug: `bench-pages-${tag}` } });
  await db.billingConfig.create({
    data: {
      workspaceId: workspace.id,
      planType: "professional",
      teamMembersLimit: 100,
      currentPeriodEnd: new Date(Date.now() + 30 * 86_400_000),
    },
  });
  const users = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      db.user.create({ data: { email: `page-${tag}-${i}@bench.example`, name: memberName(i) } }),
    ),
  );
  const members = [];
  for (const [i, user] of users.entries()) {
    members.push(
      await db.teamMember.create({
        data: {
          workspaceId: workspace.id,
          userId: user.id,
          role: i === 0 ? "owner" : i < 5 ? "admin" : i < 40 ? "member" : "viewer",
          status: "active",
          joinedAt: new Date(),
        },
      }),
    );
  }
  for (let i = 0; i < 3; i++) {
    await db.integrationConfig.create({
      data: {
        workspaceId: workspace.id,
        integrationType: "webhook",
        name: integrationName(i),
        healthStatus: "healthy",
      },
    });
  }
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId: users[0]!.id, expires: new Date(Date.now() + 86_400_000) } });
  return { workspaceId: workspace.id, cookie: `authjs.session-token=${sessionToken}`, memberId: members[10]!.id };
}
