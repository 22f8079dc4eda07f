import "server-only";
import { notFound, redirect } from "next/navigation";
import { systemDb } from "../db/prisma";
import { AppError } from "../errors";
import { workspaceIdSchema } from "./ids";
import { currentRequestContext } from "./next-request-context";
import type { Permission, Role } from "./permissions";
import type { RequestContext } from "./request-context";
import { sessionUser } from "./session-user";
import { withWorkspace, type WorkspaceContext } from "./with-workspace";

/** What a deactivated member is told: which workspace, and whom to ask. */
export interface DeactivatedAccess {
  workspaceName: string;
  /** An active owner's display name (or address); null if the workspace has none. */
  ownerName: string | null;
}

export type PageLoad<T> =
  { allowed: true; data: T; role: Role } | { allowed: false; signedOut?: true; deactivated?: DeactivatedAccess };

/**
 * Server components load workspace data through the same chokepoint as
 * actions and routes: signed out → the sign-in page (back here afterwards),
 * a deactivated member → `{ allowed: false, deactivated }` (the settings layout
 * explains it), anyone else who is not a member → 404, role lacks the
 * permission → `{ allowed: false }`.
 */
export async function loadWorkspacePage<T>(
  workspaceId: string,
  permission: Permission,
  returnTo: string,
  load: (ctx: WorkspaceContext) => Promise<T>,
  options: { whenSignedOut?: "redirect" | "skip" } = {},
): Promise<PageLoad<T>> {
  const request = await currentRequestContext();
  try {
    return await withWorkspace(request, workspaceId, permission, async (ctx) => ({
      allowed: true as const,
      data: await load(ctx),
      role: ctx.member.role,
    }));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "unauthorized") {
      // Layouts do not know the URL; they skip and let the page send the user to sign in and back.
      if (options.whenSignedOut === "skip") return { allowed: false, signedOut: true };
      redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
    }
    if (error.code === "not_found") {
      const deactivated = await deactivatedAccess(request, workspaceId);
      if (deactivated) return { allowed: false, deactivated };
      notFound();
    }
    if (error.code === "forbidden") return { allowed: false };
    throw error;
  }
}

/**
 * Only for a signed-in user whose own membership of this workspace is deactivated (inactive,
 * not removed): the workspace's name and an owner to ask. Everyone else learns nothing (404).
 * A narrow read on the system client, keyed by the session's user id: the user has no tenant
 * access to this workspace any more.
 */
async function deactivatedAccess(request: RequestContext, rawWorkspaceId: string): Promise<DeactivatedAccess | null> {
  const parsed = workspaceIdSchema.safeParse(rawWorkspaceId);
  if (!parsed.success) return null;
  const db = systemDb();
  const user = await sessionUser(db, request.sessionToken);
  if (!user) return null;
  const membership = await db.teamMember.findFirst({
    where: { workspaceId: parsed.data, userId: user.id, status: "inactive", deletedAt: null },
    select: { workspace: { select: { name: true } } },
  });
  if (!membership) return null;
  const owner = await db.teamMember.findFirst({
    where: { workspaceId: parsed.data, role: "owner", status: "active", deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { user: { select: { name: true, email: true } } },
  });
  return {
    workspaceName: membership.workspace.name,
    ownerName: owner ? (owner.user.name ?? owner.user.email) : null,
  };
}
