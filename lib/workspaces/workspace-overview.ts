import type { Db } from "../db/prisma";

export interface WorkspaceOverview {
  id: string;
  name: string;
  activeMembers: number;
  pendingInvitations: number;
  planType: string | null;
  tracesUsed: number;
  tracesLimit: number | null;
  enabledIntegrations: number;
  integrations: number;
}

/**
 * A one-line summary per workspace for the start page, in one query.
 * (Workspace listing is per signed-in user once sign-in lands.)
 */
export async function listWorkspaceOverviews(db: Db): Promise<WorkspaceOverview[]> {
  const rows = await db.workspace.findMany({
    orderBy: { createdAt: "asc" },
    take: 50,
    select: {
      id: true,
      name: true,
      billing: { select: { planType: true, tracesCurrentMonth: true, tracesPerMonthLimit: true } },
      teamMembers: { where: { deletedAt: null }, select: { status: true } },
      integrations: { select: { isEnabled: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    activeMembers: row.teamMembers.filter((m) => m.status === "active").length,
    pendingInvitations: row.teamMembers.filter((m) => m.status === "pending").length,
    planType: row.billing?.planType ?? null,
    tracesUsed: Number(row.billing?.tracesCurrentMonth ?? 0),
    tracesLimit: row.billing?.tracesPerMonthLimit == null ? null : Number(row.billing.tracesPerMonthLimit),
    enabledIntegrations: row.integrations.filter((i) => i.isEnabled).length,
    integrations: row.integrations.length,
  }));
}
