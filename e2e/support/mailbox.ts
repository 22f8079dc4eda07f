import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { env } from "../../lib/env";
import { findLink, type ReceivedEmail } from "../../lib/testing/smtp-sink";

/** Waits for an email to `to` that the SMTP sink received, and returns the link in it containing `pathPart`. */
export async function waitForLink(to: string, pathPart: string, timeoutMs = 15_000): Promise<string> {
  const dir = env.E2E_MAILBOX_DIR;
  if (!dir) throw new Error("E2E_MAILBOX_DIR is not set: run the browser tests with `npm test`.");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const file of readdirSync(dir).sort().reverse()) {
      const email = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as ReceivedEmail;
      const link = email.to.includes(to.toLowerCase()) ? findLink(email, pathPart) : null;
      if (link) return link;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No email with a ${pathPart} link reached ${to} within ${timeoutMs} ms`);
}
