import { PLANS, isPlanType } from "../billing/plans";
import type { Db } from "../db/prisma";
import { emailDelivery, sendEmail } from "../email/send-email";
import { usageAlertEmail } from "../email/templates/usage-emails";
import { billingTabUrl } from "../billing/billing-tab-url";
import { logger } from "../logger";
import type { UsageRecording } from "./usage-recording";

/**
 * After the recording committed: emails each alert raised (the highest, when one report crossed 80%
 * and 100% at once) to the active owners and admins, one email each. A failure is logged, not thrown;
 * `last_usage_alert_sent_at` is stamped only when at least one email was handed over, so it never
 * claims a delivery that did not happen. Answers how many emails went out.
 */
export async function sendUsageAlerts(db: Db, workspaceId: string, recording: UsageRecording): Promise<number> {
  const alert = recording.alerts.reduce<UsageRecording["alerts"][number] | null>(
    (highest, next) => (highest && highest.threshold >= next.threshold ? highest : next),
    null,
  );
  if (!alert || recording.recipients.length === 0 || emailDelivery() === null) return 0;
  const overagePer1k = isPlanType(alert.plan) ? PLANS[alert.plan].overagePer1k : null;
  const sent = await Promise.all(
    recording.recipients.map(async (to) => {
      try {
        await sendEmail(
          usageAlertEmail({
            to,
            workspaceName: recording.workspaceName ?? "Your workspace",
            threshold: alert.threshold,
            used: alert.used,
            limit: alert.limit,
            periodEnd: alert.periodEnd,
            plan: alert.plan,
            overage: alert.overage,
            overagePer1k,
            billingUrl: billingTabUrl(workspaceId),
          }),
        );
        return true;
      } catch (error) {
        logger.warn({ err: error, workspaceId, threshold: alert.threshold }, "usage alert email failed");
        return false;
      }
    }),
  );
  const delivered = sent.filter(Boolean).length;
  if (delivered > 0) {
    // Stamped only for the alert of this period (a reset meanwhile set the threshold back to NULL).
    await db.$executeRaw`
      UPDATE billing_config SET last_usage_alert_sent_at = now()
       WHERE workspace_id = ${workspaceId}::uuid AND last_usage_alert_threshold = ${alert.threshold}
         AND current_period_start = ${alert.periodStart}`;
  }
  return delivered;
}
