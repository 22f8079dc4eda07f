import { randomBytes, randomUUID } from "node:crypto";
import type { Role } from "../access/permissions";
import type { RequestContext } from "../access/request-context";
import type { Db } from "../db/prisma";
import { createTestUser, createTestWorkspace } from "./test-db";

/** A real database session for a user (what Auth.js writes after a magic-link sign-in). */
export async function createSession(db: Db, userId: string, ttlMs = 86_400_000): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + ttlMs) } });
  return sessionToken;
}

export function requestAs(sessionToken: string | null): RequestContext {
  return { sessionToken, ip: "203.0.113.7", userAgent: "vitest" };
}

/** A route handler Request carrying the session cookie, as a browser sends it. */
export function httpRequest(path: string, sessionToken: string | null, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (sessionToken) headers.set("cookie", `authjs.session-token=${sessionToken}`);
  headers.set("user-agent", "vitest");
  return new Request(`http://localhost${path}`, { ...init, headers });
}

export interface Actor {
  userId: string;
  email: string;
  memberId: string;
  token: string;
}

export interface RoleWorkspace {
  workspaceId: string;
  actors: Record<Role, Actor>;
}

/** A workspace of the test's own with one active member per role, each signed in, and a free billing row. */
export async function createRoleWorkspace(
  db: Db,
  label = "roles",
  options: { memberLimit?: number | null } = {},
): Promise<RoleWorkspace> {
  const workspace = await createTestWorkspace(db, label);
  await db.billingConfig.create({
    data: {
      workspaceId: workspace.id,
      teamMembersLimit: options.memberLimit === undefined ? 25 : options.memberLimit,
      currentPeriodEnd: new Date(Date.now() + 30 * 86_400_000),
    },
  });
  const actors = {} as Record<Role, Actor>;
  for (const role of ["owner", "admin", "member", "viewer"] as const) {
    const user = await createTestUser(db, `${label}-${role}`);
    const member = await db.teamMember.create({
      data: { workspaceId: workspace.id, userId: user.id, role, status: "active", joinedAt: new Date() },
    });
    actors[role] = { userId: user.id, email: user.email, memberId: member.id, token: await createSession(db, user.id) };
  }
  return { workspaceId: workspace.id, actors };
}

export const unknownWorkspaceId = () => randomUUID();
