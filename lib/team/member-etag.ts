import { z } from "zod";
import type { Versioned } from "../api/etag";
import { ifMatchAccepts, staleEtag } from "../api/etag";
import { Prisma } from "../generated/prisma/client";
import { memberEtagSql } from "./list-members";
import { lockWorkspace } from "./workspace-lock";

const memberIdOfBody = (body: Record<string, unknown>) => {
  const parsed = z.guid().safeParse(body.memberId);
  return parsed.success ? parsed.data : null;
};

const etagRead = (workspaceId: string, memberId: string) =>
  Prisma.sql`SELECT ${memberEtagSql} AS etag FROM team_members tm
              WHERE tm.id = ${memberId}::uuid AND tm.workspace_id = ${workspaceId}::uuid`;

/** ETags of team members for PATCH /api/workspaces/{id}/team (the member named by `memberId`). */
export const memberVersioning: Versioned = {
  async check(ctx, body, ifMatch) {
    const memberId = memberIdOfBody(body);
    if (!memberId) return; // the input check answers a malformed id
    // The workspace lock first, as every team change takes it: the ETag is read under it.
    await lockWorkspace(ctx.tx, ctx.workspaceId);
    const [row] = await ctx.tx.$queryRaw<{ etag: string }[]>(etagRead(ctx.workspaceId, memberId));
    if (!row) return; // the change itself answers "not found"
    if (!ifMatchAccepts(ifMatch, `"${row.etag}"`)) throw staleEtag("This member");
  },
  async current(ctx, body) {
    const memberId = memberIdOfBody(body);
    if (!memberId) return null;
    const [row] = await ctx.tx.$queryRaw<{ etag: string }[]>(etagRead(ctx.workspaceId, memberId));
    return row ? `"${row.etag}"` : null;
  },
};
