import type { OutgoingEmail } from "../outgoing-email";
import { escapeHtml } from "./escape-html";

export function signInEmail(to: string, url: string, host: string): OutgoingEmail {
  return {
    to,
    subject: `Sign in to ${host}`,
    text: `Sign in to ${host}:\n\n${url}\n\nThe link works once and expires in 24 hours. If you did not ask for it, ignore this email.\n`,
    html: `<p>Sign in to <strong>${escapeHtml(host)}</strong>.</p>
<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 16px;background:#4f46e5;color:#fff;border-radius:8px;text-decoration:none">Sign in</a></p>
<p style="color:#666">The link works once and expires in 24 hours. If you did not ask for it, ignore this email.</p>`,
  };
}
