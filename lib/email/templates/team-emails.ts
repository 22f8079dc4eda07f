import type { OutgoingEmail } from "../outgoing-email";
import { escapeHtml } from "./escape-html";

export function invitationEmail(args: {
  to: string;
  workspaceName: string;
  inviter: string;
  role: string;
  url: string;
}): OutgoingEmail {
  const { to, workspaceName, inviter, role, url } = args;
  return {
    to,
    subject: `${inviter} invited you to ${workspaceName}`,
    text: `${inviter} invited you to join ${workspaceName} as ${role}.\n\nAccept the invitation:\n${url}\n\nThe link works once and expires in 7 days.\n`,
    html: `<p><strong>${escapeHtml(inviter)}</strong> invited you to join <strong>${escapeHtml(workspaceName)}</strong> as ${escapeHtml(role)}.</p>
<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 16px;background:#4f46e5;color:#fff;border-radius:8px;text-decoration:none">Accept the invitation</a></p>
<p style="color:#666">The link works once and expires in 7 days.</p>`,
  };
}

export function memberJoinedEmail(args: {
  to: string;
  workspaceName: string;
  member: string;
  role: string;
}): OutgoingEmail {
  const { to, workspaceName, member, role } = args;
  return {
    to,
    subject: `${member} joined ${workspaceName}`,
    text: `${member} accepted their invitation and joined ${workspaceName} as ${role}.\n`,
    html: `<p><strong>${escapeHtml(member)}</strong> accepted their invitation and joined <strong>${escapeHtml(workspaceName)}</strong> as ${escapeHtml(role)}.</p>`,
  };
}
