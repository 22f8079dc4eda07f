import { env } from "../env";
import type { OutgoingEmail } from "./outgoing-email";

/**
 * Development without SMTP: messages are kept here (newest first, last 50)
 * and shown at /dev/mailbox; `npm run dev` also prints them (with their sign-in
 * and invitation links) to its console. Tests keep them quiet: their logs are
 * scanned for secrets (docs/operations.md, "Logs"). Never used in production
 * (send-email.ts refuses).
 */
interface StoredEmail extends OutgoingEmail {
  id: number;
  sentAt: string;
}

const store = globalThis as unknown as { devMailbox?: StoredEmail[]; devMailboxSeq?: number };

export function deliverToDevMailbox(email: OutgoingEmail): void {
  store.devMailbox ??= [];
  store.devMailboxSeq = (store.devMailboxSeq ?? 0) + 1;
  store.devMailbox.unshift({ ...email, id: store.devMailboxSeq, sentAt: new Date().toISOString() });
  store.devMailbox.length = Math.min(store.devMailbox.length, 50);
  if (env.NODE_ENV === "development")
    console.info(`\n[dev mailbox] to ${email.to}: ${email.subject}\n${email.text}\n(see /dev/mailbox)\n`);
}

export function readDevMailbox(): StoredEmail[] {
  return store.devMailbox ?? [];
}
