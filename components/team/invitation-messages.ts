/**
 * What to tell the inviter after invitations were created or re-sent: exactly what happened,
 * including emails that could not be sent (the invitation exists; its link must be shared by hand).
 */
export interface Outcome {
  tone: "success" | "warning" | "info";
  message: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function inviteOutcome(invited: { email: string; emailSent: boolean }[], skippedCount: number): Outcome {
  const skipped = skippedCount ? ` · ${plural(skippedCount, "address", "addresses")} skipped` : "";
  if (invited.length === 0) return { tone: "info", message: `Nobody new to invite${skipped}` };
  const sent = invited.filter((i) => i.emailSent).length;
  const notSent = invited.length - sent;
  if (invited.length === 1) {
    const [only] = invited;
    return sent
      ? { tone: "success", message: `Invitation sent to ${only!.email}${skipped}` }
      : {
          tone: "warning",
          message: `Invitation created for ${only!.email}; the email could not be sent — copy the link${skipped}`,
        };
  }
  if (notSent === 0) return { tone: "success", message: `${invited.length} invitations sent${skipped}` };
  if (sent === 0)
    return {
      tone: "warning",
      message: `${invited.length} invitations created; the emails could not be sent — copy the links${skipped}`,
    };
  return {
    tone: "warning",
    message: `${invited.length} invitations created · ${plural(sent, "email", "emails")} sent, ${notSent} not sent — copy the ${notSent === 1 ? "link" : "links"}${skipped}`,
  };
}

export function resendOutcome(email: string, emailSent: boolean): Outcome {
  return emailSent
    ? { tone: "success", message: `New link sent to ${email}; the old link no longer works` }
    : { tone: "warning", message: `New link created for ${email}; the email could not be sent — copy the link` };
}

/** Per address in the invite dialog's results. */
export const deliveryNote = (emailSent: boolean): string =>
  emailSent ? "email sent" : "email not sent: copy the link and share it";
