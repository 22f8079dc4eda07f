import "server-only";
import { notFound, redirect } from "next/navigation";
import { Prisma } from "../generated/prisma/client";
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
  | { allowed: true; data: T; role: Role; memberId: string }
  | {
      allowed: false;
      deactivated?: DeactivatedAccess;
      /** An owner to ask (a refused member may see the team). */ ownerName?: string | null;
    };

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
    if (error.code === "forbidden") {
      const owner = await readWorkspace(request, workspaceId, "workspace:read", firstOwnerRead);
      return { allowed: false, ownerName: owner.data };
    }
    throw error;
  }
}

/** Pages are for signed-in members only: their request context never carries an API key. */
function pageViewer(actor: Actor): { role: Role; memberId: string } {
  if (actor.kind !== "member") throw new Error("a page was loaded with an API key");
  return { role: actor.role, memberId: actor.memberId };
}

/** The workspace's first owner's name (or email), for "Ask Olivia Owner". */
function firstOwnerRead(workspaceId: string): SqlRead<string | null> {
  return {
    sql: Prisma.sql`
      SELECT COALESCE(u.name, u.email) AS owner FROM team_members m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = ${workspaceId}::uuid AND m.role = 'owner' AND m.status = 'active' AND m.deleted_at IS NULL
       ORDER BY m.created_at, m.id LIMIT 1`,
    map: (rows) => (rows[0]?.owner as string | undefined) ?? null,
  };
}
