import { env } from "../env";
import { sendEmail, emailDelivery } from "../email/send-email";
import { invitationEmail } from "../email/templates/team-emails";
import { logger } from "../logger";
import type { IssuedInvitation } from "./invitations";
import { invitationUrl } from "./invitation-token";

export interface DeliveredInvitation {
  memberId: string;
  email: string;
  /** The link, for "Copy link"; shown to the inviter only. */
  link: string;
  /** Whether the email was handed to the mail server (or the dev mailbox). */
  emailSent: boolean;
}

/** Emails each invitation after the transaction committed; a failure is reported, not thrown. */
export async function sendInvitationEmails(
  invitations: IssuedInvitation[],
  context: { workspaceName: string; inviter: string; role: (memberId: string) => string },
): Promise<DeliveredInvitation[]> {
  const canSend = emailDelivery() !== null;
  return Promise.all(
    invitations.map(async (invitation) => {
      const link = invitationUrl(env.APP_URL, invitation.token);
      let emailSent = false;
      if (canSend) {
        try {
          await sendEmail(
            invitationEmail({
              to: invitation.email,
              workspaceName: context.workspaceName,
              inviter: context.inviter,
              role: context.role(invitation.memberId),
              url: link,
            }),
          );
          emailSent = true;
        } catch (error) {
          logger.warn({ err: error, memberId: invitation.memberId }, "invitation email failed");
        }
      }
      return { memberId: invitation.memberId, email: invitation.email, link, emailSent };
    }),
  );
}
