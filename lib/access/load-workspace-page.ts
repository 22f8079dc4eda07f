import "server-only";
import { notFound, redirect } from "next/navigation";
import type { SqlRead } from "../db/sql-read";
import { AppError } from "../errors";
import type { Actor } from "./actor";
import { currentRequestContext } from "./next-request-context";
import type { Permission, Role } from "./permissions";
import { readWorkspace } from "./read-workspace";
import { settingsContext, type DeactivatedAccess } from "./settings-context";
import { withWorkspace, type WorkspaceContext } from "./with-workspace";

export type { DeactivatedAccess };

export type PageLoad<T> =
  { allowed: true; data: T; role: Role; memberId: string } | { allowed: false; deactivated?: DeactivatedAccess };

/**
 * Server components load workspace data through the same chokepoint as
 * actions and routes: signed out → the sign-in page (back here afterwards),
 * a deactivated member → `{ allowed: false, deactivated }` (the settings layout
 * explains it), anyone else who is not a member → 404, role lacks the
 * permission → `{ allowed: false }`.
 *
 * `load` is either one SQL read, sent with the checks in one round trip
 * (`readWorkspace`: the Team, Billing and Integrations tabs), or a function
 * given the Prisma transaction (`withWorkspace`: pages that build queries with
 * Prisma, such as the audit log).
 */
export async function loadWorkspacePage<T>(
  workspaceId: string,
  permission: Permission,
  returnTo: string,
  load: ((workspaceId: string) => SqlRead<T>) | { withTransaction: (ctx: WorkspaceContext) => Promise<T> },
): Promise<PageLoad<T>> {
  const request = await currentRequestContext();
  try {
    if (typeof load === "function") {
      const read = await readWorkspace(request, workspaceId, permission, load);
      return { allowed: true, data: read.data, ...pageViewer(read.actor) };
    }
    return await withWorkspace(request, workspaceId, permission, async (ctx) => ({
      allowed: true as const,
      data: await load.withTransaction(ctx),
      ...pageViewer(ctx.actor),
    }));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "unauthorized") redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
    if (error.code === "not_found") {
      const context = await settingsContext(workspaceId);
      if (context.kind === "deactivated") return { allowed: false, deactivated: context.access };
      notFound();
    }
    if (error.code === "forbidden") return { allowed: false };
    throw error;
  }
}

/** Pages are for signed-in members only: their request context never carries an API key. */
function pageViewer(actor: Actor): { role: Role; memberId: string } {
  if (actor.kind !== "member") throw new Error("a page was loaded with an API key");
  return { role: actor.role, memberId: actor.memberId };
}
