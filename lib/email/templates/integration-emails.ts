import type { OutgoingEmail } from "../outgoing-email";
import { escapeHtml } from "./escape-html";

export interface IntegrationNoticeEmailArgs {
  to: string;
  workspaceName: string;
  integrationName: string;
  /** failing: a warning at 5 or 10 consecutive failures; disabled: turned off after sustained failure; paused: the destination is gone. */
  kind: "failing" | "disabled" | "paused";
  failures?: number;
  lastError?: string | null;
  reason?: string;
  integrationsUrl: string;
}

/** Emails to owners and admins when an integration fails, is turned off, or its destination is gone. */
export function integrationNoticeEmail(args: IntegrationNoticeEmailArgs): OutgoingEmail {
  const name = `“${args.integrationName}”`;
  // ASCII quotes in the subject: some mail clients show encoded-word subjects poorly.
  const quoted = `"${args.integrationName}"`;
  const subject =
    args.kind === "failing"
      ? `${args.workspaceName}: the integration ${quoted} has failed ${args.failures} times in a row`
      : args.kind === "disabled"
        ? `${args.workspaceName}: the integration ${quoted} was turned off after repeated failures`
        : `${args.workspaceName}: the integration ${quoted} was paused - its destination is gone`;
  const lines = [
    args.kind === "failing"
      ? `The last ${args.failures} deliveries to ${name} failed. Events are kept and retried; after 15 consecutive failures over at least 24 hours the integration is turned off.`
      : (args.reason ?? ""),
    args.lastError ? `Last error: ${args.lastError}` : "",
    args.kind === "failing"
      ? "Check the receiver, or send a test event from the Integrations tab."
      : "Events that arrive while it is off are kept: turn it on again on the Integrations tab and replay what it missed.",
  ].filter(Boolean);
  return {
    to: args.to,
    subject,
    text: `${lines.join("\n\n")}\n\nIntegrations tab:\n${args.integrationsUrl}\n`,
    html: `${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n")}
<p><a href="${escapeHtml(args.integrationsUrl)}" style="display:inline-block;padding:10px 16px;background:#4f46e5;color:#fff;border-radius:8px;text-decoration:none">Open the Integrations tab</a></p>`,
  };
}
