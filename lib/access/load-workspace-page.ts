import "server-only";
import { notFound, redirect } from "next/navigation";
import { AppError } from "../errors";
import { currentRequestContext } from "./next-request-context";
import type { Permission, Role } from "./permissions";
import { withWorkspace, type WorkspaceContext } from "./with-workspace";

export type PageLoad<T> = { allowed: true; data: T; role: Role } | { allowed: false; signedOut?: true };

/**
 * Server components load workspace data through the same chokepoint as
 * actions and routes: signed out → the sign-in page (back here afterwards),
 * not a member → 404, role lacks the permission → `{ allowed: false }`.
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
    if (error.code === "not_found") notFound();
    if (error.code === "forbidden") return { allowed: false };
    throw error;
  }
}
