import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { env } from "../../lib/env";
import type { ReceivedEmail } from "../../lib/testing/smtp-sink";

/** How many emails the SMTP sink has received for `to` so far. */
export function countEmailsTo(to: string): number {
  const dir = env.E2E_MAILBOX_DIR;
  if (!dir) throw new Error("E2E_MAILBOX_DIR is not set: run the browser tests with `npm test`.");
  return readdirSync(dir).filter((file) => {
    const email = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as ReceivedEmail;
    return email.to.includes(to.toLowerCase());
  }).length;
}
