import type { Db } from "../../db/prisma";
import { logger } from "../../logger";
import { sendHttp } from "../network/http-transport";
import { healthCheckFor } from "../senders/sender-registry";
import { deliverySettings } from "./delivery-settings";
import { deliveryTargetOf } from "./delivery-target";

/** An integration that delivered within this long needs no check: its deliveries tell its health. */
export const RECENT_DELIVERY_MS = 15 * 60_000;

/**
 * The health-check job (every 5 minutes): each enabled integration without a recent delivery gets
 * the request its service offers that costs the receiver nothing (docs/integrations.md, "Health
 * checks"); where there is none, the check is skipped and the integration says so. Crosses
 * workspaces: system client.
 */
export async function checkIntegrationHealth(
  db: Db,
  options: { resolve?: (hostname: string) => Promise<string[]>; timeoutMs?: number; serviceOrigin?: string } = {},
): Promise<{ checked: number; skipped: number }> {
  const rows = await db.$queryRaw<
    {
      id: string;
      workspace_id: string;
      integration_type: string;
      name: string;
      config: Record<string, unknown>;
      credentials_encrypted: string | null;
      updated_at: Date;
    }[]
  >`
    SELECT id, workspace_id, integration_type, name, config, credentials_encrypted, updated_at
      FROM integrations_config
     WHERE is_enabled
       AND (last_sync_at IS NULL OR last_sync_at < now() - make_interval(secs => ${RECENT_DELIVERY_MS / 1000}))
     ORDER BY last_health_check_at NULLS FIRST
     LIMIT 200`;
  const settings = deliverySettings();
  let checked = 0;
  let skipped = 0;
  for (const row of rows) {
    let status: string | null = null;
    let detail: string;
    try {
      const target = deliveryTargetOf({
        integrationId: row.id,
        workspaceId: row.workspace_id,
        type: row.integration_type,
        name: row.name,
        config: row.config,
        credentialsEncrypted: row.credentials_encrypted,
        updatedAt: row.updated_at,
      });
      const check = healthCheckFor(target, { serviceOrigin: options.serviceOrigin ?? settings.serviceOrigin });
      if ("skipped" in check) {
        skipped += 1;
        detail = `Check skipped: ${check.skipped}`;
      } else {
        const answer = await sendHttp(check.request, {
          allowPrivateNetworks: settings.allowPrivateNetworks,
          resolve: options.resolve,
          timeoutMs: options.timeoutMs,
        });
        const verdict = check.judge(answer);
        status = verdict.healthy ? "healthy" : "unhealthy";
        detail = verdict.detail;
        checked += 1;
      }
    } catch (error) {
      logger.warn({ err: error, integrationId: row.id }, "integration health check failed");
      status = "unhealthy";
      detail = "The health check could not run: the stored credentials could not be used.";
    }
    await db.$executeRaw`
      WITH runtime AS (
        INSERT INTO integration_runtime (integration_id, workspace_id, health_detail)
        VALUES (${row.id}::uuid, ${row.workspace_id}::uuid, ${detail})
        ON CONFLICT (integration_id) DO UPDATE SET health_detail = EXCLUDED.health_detail)
      UPDATE integrations_config
         SET last_health_check_at = now(), health_status = COALESCE(${status}, health_status)
       WHERE id = ${row.id}::uuid`;
  }
  return { checked, skipped };
}
