import type { TenantTx } from "../db/tenant-transaction";

export interface IntegrationView {
  id: string;
  type: string;
  name: string;
  isEnabled: boolean;
  healthStatus: "healthy" | "degraded" | "unhealthy" | "unknown";
  lastHealthCheckAt: string | null;
  lastErrorMessage: string | null;
  totalEventsSent: number;
  totalErrors: number;
  /** Whether a secret is stored; the secret itself never leaves the server. */
  hasCredentials: boolean;
}

/** The workspace's integrations, without secrets. */
export async function listIntegrations(tx: TenantTx, workspaceId: string): Promise<IntegrationView[]> {
  const rows = await tx.integrationConfig.findMany({
    where: { workspaceId },
    orderBy: [{ integrationType: "asc" }, { name: "asc" }],
    take: 200,
    select: {
      id: true,
      integrationType: true,
      name: true,
      isEnabled: true,
      healthStatus: true,
      lastHealthCheckAt: true,
      lastErrorMessage: true,
      totalEventsSent: true,
      totalErrors: true,
      credentialsEncrypted: true,
    },
  });
  return rows.map((row) => ({
    id: row.id,
    type: row.integrationType,
    name: row.name,
    isEnabled: row.isEnabled,
    healthStatus: row.healthStatus as IntegrationView["healthStatus"],
    lastHealthCheckAt: row.lastHealthCheckAt?.toISOString() ?? null,
    lastErrorMessage: row.lastErrorMessage,
    totalEventsSent: Number(row.totalEventsSent),
    totalErrors: Number(row.totalErrors),
    hasCredentials: row.credentialsEncrypted !== null,
  }));
}
