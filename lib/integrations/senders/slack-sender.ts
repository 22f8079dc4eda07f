import type { DeliveryEvent, DeliveryTarget } from "../integration-types";
import type { Severity } from "../../events/publish-event";
import { summarizeEvent } from "./event-summary";
import type { Sender } from "./sender";
import { answered, gone, isRedirect, isSuccess, permanent, redirectMessage, retryable, success } from "./verdicts";

/** Attachment colour bars by severity; a resolved alert is green whatever its severity. */
export const SLACK_COLORS: Record<Severity | "resolved", string> = {
  info: "#439FE0",
  warning: "#DAA038",
  error: "#E01E5A",
  critical: "#A30200",
  resolved: "#2EB886",
};

export const SLACK_FIX_HINT = "Create a new incoming webhook in Slack and paste its URL";

/** Slack's limits: header text 150, section text 3,000, field text 2,000 characters, 10 fields. */
const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** Slack's mrkdwn control characters; escaping them also stops an event's text from pinging (`<!channel>`). */
export const escapeMrkdwn = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function blocksFor(event: DeliveryEvent) {
  const summary = summarizeEvent(event);
  const unix = Math.floor(Date.parse(event.createdAt) / 1000);
  const when = Number.isNaN(unix)
    ? event.createdAt
    : `<!date^${unix}^{date_short_pretty} at {time}|${event.createdAt}>`;
  const fields = summary.fields.slice(0, 10).map((field) => ({
    type: "mrkdwn",
    text: clip(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`, 2000),
  }));
  const section = {
    type: "section",
    ...(summary.text ? { text: { type: "mrkdwn", text: clip(escapeMrkdwn(summary.text), 3000) } } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  };
  return [
    { type: "header", text: { type: "plain_text", text: clip(summary.title, 150), emoji: true } },
    // A section needs text or fields; an event with neither has none.
    ...(summary.text || fields.length > 0 ? [section] : []),
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `*Severity:* ${event.severity} · *Workspace:* ${escapeMrkdwn(event.workspaceName)} · ${when}`,
        },
      ],
    },
    // Slack refuses the whole message over a button whose URL is not http(s).
    ...(/^https?:\/\//.test(event.link)
      ? [
          {
            type: "actions",
            elements: [
              {
                type: "button",
                text: { type: "plain_text", text: "Open in Agent Observability", emoji: true },
                url: event.link.slice(0, 3000),
                action_id: "open_event",
              },
            ],
          },
        ]
      : []),
  ];
}

/** Slack's answer body names the problem: `no_service`, `channel_is_archived`, `invalid_token`… */
const GONE_HINTS: Record<string, string> = {
  channel_is_archived:
    "The channel is archived: unarchive it, or create a new incoming webhook in Slack and paste its URL",
};

/**
 * Slack incoming webhooks: the text doubles as the notification, the coloured attachment holds the
 * Block Kit message (docs/integrations.md, "Slack").
 */
export const slackSender: Sender<"slack"> = {
  urlFor: (target) => target.secrets.webhook_url,

  buildRequest(target: DeliveryTarget<"slack">, event) {
    const summary = summarizeEvent(event);
    const mention = event.severity === "critical" && target.settings.mention_on_critical ? "<!channel> " : "";
    const color = event.type === "alert.resolved" ? SLACK_COLORS.resolved : SLACK_COLORS[event.severity];
    return {
      url: target.secrets.webhook_url,
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({
        text: `${mention}${escapeMrkdwn(summary.title)}`,
        attachments: [{ color, blocks: blocksFor(event) }],
      }),
    };
  },

  judge(response, target) {
    const status = response.status;
    if (isSuccess(status)) return success();
    if (status === 403 || status === 404 || status === 410) {
      const code = response.bodyExcerpt.trim();
      return gone(answered("Slack", response), GONE_HINTS[code] ?? SLACK_FIX_HINT);
    }
    if (status === 400) {
      return permanent(
        answered("Slack", response),
        "Slack could not read the message; send a test event, and contact support if it fails too",
      );
    }
    if (isRedirect(status)) return retryable(redirectMessage("Slack", response, target.secrets.webhook_url));
    if (status === 429 || status === 408 || status >= 500) return retryable(answered("Slack", response));
    return permanent(answered("Slack", response), SLACK_FIX_HINT);
  },
};
