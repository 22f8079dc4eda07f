import "server-only";
import type { SqlRead } from "@/lib/db/sql-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { integrationsRead, type IntegrationView } from "@/lib/integrations/list-integrations";
import { activeOwnersSql, type WorkspaceOwner } from "@/lib/team/workspace-contacts";

export interface IntegrationsPageData {
  integrations: IntegrationView[];
  /** Active owners, oldest first: whom a member or viewer asks for a change. */
  owners: WorkspaceOwner[];
}

/**
 * The Integrations tab in one statement (docs/decisions/007-one-round-trip-reads.md): the
 * integrations as `integrationsRead` lists them (unhealthy and paused first), aggregated as JSON in
 * that order, and the workspace's owners. The rows come back as JSON; `integrationsRead`'s own
 * mapping reads timestamps from ISO text and numbers with Number(), so it maps them unchanged.
 */
export function integrationsPageRead(workspaceId: string): SqlRead<IntegrationsPageData> {
  const list = integrationsRead(workspaceId);
  return {
    sql: Prisma.sql`
      SELECT COALESCE((SELECT json_agg(x) FROM (${list.sql}) x), '[]'::json) AS integrations,
             (${activeOwnersSql(workspaceId)}) AS owners`,
    map: (rows) => {
      const row = rows[0] ?? {};
      const integrations = (row.integrations as Record<string, unknown>[] | string | undefined) ?? [];
      return {
        integrations: list.map(typeof integrations === "string" ? JSON.parse(integrations) : integrations),
        owners: (row.owners as WorkspaceOwner[] | undefined) ?? [],
      };
    },
  };
}
