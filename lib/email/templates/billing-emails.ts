import type { OutgoingEmail } from "../outgoing-email";
import { escapeHtml } from "./escape-html";

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });
const moneyOf = (cents: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);

function email(to: string, subject: string, lines: string[], link: { url: string; label: string }): OutgoingEmail {
  return {
    to,
    subject,
    text: `${lines.join("\n\n")}\n\n${link.label}: ${link.url}\n`,
    html: `${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n")}
<p><a href="${escapeHtml(link.url)}" style="display:inline-block;padding:10px 16px;background:#4f46e5;color:#fff;border-radius:8px;text-decoration:none">${escapeHtml(link.label)}</a></p>`,
  };
}

export function paymentFailedEmail(args: {
  to: string;
  workspaceName: string;
  attempt: number;
  amountDue: number;
  currency: string;
  nextAttempt: Date | null;
  billingUrl: string;
}): OutgoingEmail {
  const retry = args.nextAttempt
    ? `Stripe will try again on ${day.format(args.nextAttempt)}.`
    : "Stripe will not retry automatically.";
  return email(
    args.to,
    `Payment failed for ${args.workspaceName} (attempt ${args.attempt})`,
    [
      `We could not charge ${moneyOf(args.amountDue, args.currency)} for ${args.workspaceName}. This was attempt ${args.attempt}.`,
      `${retry} Update the payment method in Manage billing to keep the plan active; until then the workspace is past due.`,
    ],
    { url: args.billingUrl, label: "Open billing" },
  );
}

export function paymentActionRequiredEmail(args: {
  to: string;
  workspaceName: string;
  invoiceUrl: string | null;
  billingUrl: string;
}): OutgoingEmail {
  return email(
    args.to,
    `Confirm your payment for ${args.workspaceName}`,
    [`Your bank asks you to confirm the payment for ${args.workspaceName} before it can go through.`],
    { url: args.invoiceUrl ?? args.billingUrl, label: "Confirm the payment" },
  );
}

export function trialEndingEmail(args: {
  to: string;
  workspaceName: string;
  trialEndsAt: Date | null;
  billingUrl: string;
}): OutgoingEmail {
  const when = args.trialEndsAt ? `on ${day.format(args.trialEndsAt)}` : "soon";
  return email(
    args.to,
    `The trial of ${args.workspaceName} ends ${when}`,
    [
      `The trial of ${args.workspaceName} ends ${when}.`,
      "Add a payment method in Manage billing to keep the plan; without one, the subscription ends with the trial and the workspace returns to the Free plan's limits.",
    ],
    { url: args.billingUrl, label: "Open billing" },
  );
}
