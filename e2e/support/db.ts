import { randomBytes, randomUUID } from "node:crypto";
import type { Role } from "../../lib/access/permissions";
import { createPrismaClient } from "../../lib/db/prisma";
import { env } from "../../lib/env";

/** Browser tests set up their own users and workspaces directly in the suite's database. */
export const db = createPrismaClient(env.DATABASE_URL!);

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@e2e.example`;
}

export async function createUser(label: string, name?: string) {
  return db.user.create({ data: { email: uniqueEmail(label), name: name ?? label, emailVerified: new Date() } });
}

export async function createWorkspace(name: string, members: { userId: string; role: Role }[]) {
  const workspace = await db.workspace.create({ data: { name, slug: `e2e-${randomUUID().slice(0, 12)}` } });
  await db.billingConfig.create({
    data: { workspaceId: workspace.id, currentPeriodEnd: new Date(Date.now() + 30 * 86_400_000) },
  });
  // One millisecond apart, in the order given: lists order by (created_at, id), and members created
  // within the same millisecond would otherwise come in the order of their random ids.
  const start = Date.now() - members.length;
  for (const [index, member] of members.entries()) {
    await db.teamMember.create({
      data: {
        workspaceId: workspace.id,
        userId: member.userId,
        role: member.role,
        status: "active",
        joinedAt: new Date(),
        createdAt: new Date(start + index),
      },
    });
  }
  return workspace;
}

/** A database session, as Auth.js creates after sign-in; for tests that are not about signing in. */
export async function createSessionToken(userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + 86_400_000) } });
  return sessionToken;
}
