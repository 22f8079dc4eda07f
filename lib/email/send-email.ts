import { createTransport, type Transporter } from "nodemailer";
import { env } from "../env";
import { logger } from "../logger";
import { deliverToDevMailbox } from "./dev-mailbox";
import type { OutgoingEmail } from "./outgoing-email";

export type EmailDelivery = "smtp" | "dev-mailbox";

const cache = globalThis as unknown as { smtpTransport?: Transporter };

/**
 * How email goes out: SMTP when a server is set; else the development mailbox,
 * only when asked for (`DEV_MAILBOX=1`, which `npm run dev` sets) and never in
 * production; else not at all (sign-in by email is unavailable, invitations
 * say their email was not sent).
 */
export function emailDeliveryFor(settings: {
  emailServer: string | undefined;
  nodeEnv: string;
  devMailbox: boolean;
}): EmailDelivery | null {
  if (settings.emailServer) return "smtp";
  return settings.devMailbox && settings.nodeEnv !== "production" ? "dev-mailbox" : null;
}

export function emailDelivery(): EmailDelivery | null {
  return emailDeliveryFor({
    emailServer: env.EMAIL_SERVER,
    nodeEnv: env.NODE_ENV,
    devMailbox: env.DEV_MAILBOX === "1",
  });
}

export class EmailNotConfiguredError extends Error {
  constructor() {
    super("Email is not configured: set EMAIL_SERVER (and EMAIL_FROM) to send sign-in links and invitations.");
  }
}

/** Sends one email; throws when it could not be handed over. */
export async function sendEmail(email: OutgoingEmail): Promise<EmailDelivery> {
  const delivery = emailDelivery();
  if (delivery === null) throw new EmailNotConfiguredError();
  if (delivery === "dev-mailbox") {
    deliverToDevMailbox(email);
    return delivery;
  }
  cache.smtpTransport ??= createTransport(env.EMAIL_SERVER);
  const result = await cache.smtpTransport.sendMail({ from: env.EMAIL_FROM, ...email });
  const failed = [...(result.rejected ?? []), ...(result.pending ?? [])];
  if (failed.length) throw new Error(`The mail server refused ${failed.length} recipient(s)`);
  logger.info({ subject: email.subject }, "email sent");
  return delivery;
}
