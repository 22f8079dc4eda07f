import type pg from "pg";
import { emailDelivery, sendEmail } from "../../email/send-email";
import { integrationNoticeEmail } from "../../email/templates/integration-emails";
import { logger } from "../../logger";
import { integrationsTabUrl } from "./delivery-event";
import type { IntegrationNotice } from "./record-attempts";

/**
 * After the attempts committed: emails each notice (a warning at 5 and 10 consecutive failures, a
 * pause, an auto-disable) to the workspace's active owners and admins. A failed email is logged,
 * never thrown: the engine goes on. Answers how many emails were handed to the mail server.
 */
export async function sendIntegrationNotices(pool: pg.Pool, notices: IntegrationNotice[]): Promise<number> {
  if (notices.length === 0 || emailDelivery() === null) return 0;
  let sent = 0;
  for (const { workspaceId, integrationName, notice } of notices) {
    const { rows } = await pool.query<{ email: string; workspace_name: string }>(
      `SELECT u.email, w.name AS workspace_name
         FROM team_members tm JOIN users u ON u.id = tm.user_id JOIN workspaces w ON w.id = tm.workspace_id
        WHERE tm.workspace_id = $1::uuid AND tm.role IN ('owner', 'admin') AND tm.status = 'active'
          AND tm.deleted_at IS NULL
        ORDER BY tm.created_at LIMIT 50`,
      [workspaceId],
    );
    for (const row of rows) {
      try {
        await sendEmail(
          integrationNoticeEmail({
            to: row.email,
            workspaceName: row.workspace_name,
            integrationName,
            kind: notice.kind,
            failures: notice.kind === "paused" ? undefined : notice.failures,
            lastError: notice.kind === "paused" ? null : notice.lastError,
            reason: notice.kind === "paused" ? notice.reason : undefined,
            integrationsUrl: integrationsTabUrl(workspaceId),
          }),
        );
        sent += 1;
      } catch (error) {
        logger.warn({ err: error, workspaceId, kind: notice.kind }, "integration notice email failed");
      }
    }
  }
  return sent;
}
