import { billingTabUrl } from "../../billing/billing-tab-url";
import { systemDb } from "../../db/prisma";
import { emailDelivery, sendEmail } from "../../email/send-email";
import { paymentActionRequiredEmail, paymentFailedEmail, trialEndingEmail } from "../../email/templates/billing-emails";
import { logger } from "../../logger";
import type { BillingNotice } from "./invoice-effects";

/** Emails each notice to the workspace's active owners; a failure is logged, never thrown. */
export async function sendBillingNotices(notices: BillingNotice[]): Promise<void> {
  if (notices.length === 0) return;
  if (emailDelivery() === null) {
    logger.warn({ notices: notices.map((n) => n.kind) }, "billing emails not sent: email is not configured");
    return;
  }
  for (const notice of notices) {
    const owners = await systemDb().$queryRaw<{ email: string; workspace_name: string }[]>`
      SELECT u.email, w.name AS workspace_name
        FROM team_members m JOIN users u ON u.id = m.user_id JOIN workspaces w ON w.id = m.workspace_id
       WHERE m.workspace_id = ${notice.workspaceId}::uuid AND m.role = 'owner' AND m.status = 'active'`;
    for (const owner of owners) {
      const common = {
        to: owner.email,
        workspaceName: owner.workspace_name,
        billingUrl: billingTabUrl(notice.workspaceId),
      };
      const message =
        notice.kind === "payment_failed"
          ? paymentFailedEmail({ ...common, ...notice })
          : notice.kind === "payment_action_required"
            ? paymentActionRequiredEmail({ ...common, invoiceUrl: notice.url })
            : trialEndingEmail({ ...common, trialEndsAt: notice.trialEndsAt });
      try {
        await sendEmail(message);
      } catch (error) {
        logger.warn({ err: error, workspaceId: notice.workspaceId, kind: notice.kind }, "billing email failed");
      }
    }
  }
}
