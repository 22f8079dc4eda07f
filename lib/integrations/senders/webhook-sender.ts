import type { DeliveryEvent, IntegrationSecrets } from "../integration-types";
import type { Sender } from "./sender";
import { SenderSetupError } from "./sender";
import { signingKeyOf, signStandardWebhook } from "./standard-webhooks";
import { gone, isRedirect, isSuccess, redirectMessage, retryable, success } from "./verdicts";

export { generateSigningSecret, signStandardWebhook } from "./standard-webhooks";

/** Bodies stay under this; a larger payload is replaced by `{ "truncated": true }`. */
export const MAX_WEBHOOK_BODY_BYTES = 20 * 1024;

/**
 * `{"type", "timestamp", "data": {id, workspace_id, severity, …payload}}`. The ids are ours and win
 * over payload keys of the same name; when the body would pass 20 KB, the payload part gives way
 * to `truncated: true` and the ids stay, so the receiver can still fetch or match the event.
 */
export function webhookBody(event: DeliveryEvent): string {
  const ids = { id: event.id, workspace_id: event.workspaceId, severity: event.severity };
  const envelope = (data: Record<string, unknown>) =>
    JSON.stringify({ type: event.type, timestamp: event.createdAt, data });
  const full = envelope({ ...ids, ...event.payload, ...ids });
  return Buffer.byteLength(full) <= MAX_WEBHOOK_BODY_BYTES ? full : envelope({ ...ids, truncated: true });
}

/** The secrets that sign at `at`: the current one, and the previous one until its 24 h overlap ends. */
export function activeSigningSecrets(secrets: IntegrationSecrets["webhook"], at: Date): string[] {
  const previousUntil = secrets.previous_expires_at ? Date.parse(secrets.previous_expires_at) : NaN;
  const previousActive = Boolean(secrets.previous_signing_secret) && previousUntil > at.getTime();
  return previousActive ? [secrets.signing_secret, secrets.previous_signing_secret!] : [secrets.signing_secret];
}

const SECRET_HINT = "Rotate the signing secret to get a valid one, and give it to the receiver";

/** Signed JSON to the customer's endpoint, Standard Webhooks style (docs/integrations.md, "Webhook"). */
export const webhookSender: Sender<"webhook"> = {
  urlFor: (target) => target.settings.url,

  buildRequest(target, event, context) {
    const body = webhookBody(event);
    const timestamp = Math.floor(context.attemptAt.getTime() / 1000);
    const secrets = activeSigningSecrets(target.secrets, context.attemptAt);
    if (secrets.some((secret) => !signingKeyOf(secret))) {
      throw new SenderSetupError("The signing secret is not valid", SECRET_HINT);
    }
    return {
      url: target.settings.url,
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "webhook-id": context.messageId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": secrets
          .map((secret) => signStandardWebhook(secret, context.messageId, timestamp, body))
          .join(" "),
      },
      body,
    };
  },

  judge(response, target) {
    const status = response.status;
    if (isSuccess(status)) return success();
    if (status === 410) {
      return gone(
        "The receiver answered 410 Gone: it no longer accepts these events",
        "Update the URL to the receiver's new address, or delete the integration",
      );
    }
    if (isRedirect(status)) return retryable(redirectMessage("The receiver", response, target.settings.url));
    // Anything else may be the receiver's passing trouble (a deploy, a bug being fixed): keep trying.
    return retryable(`The receiver answered ${status}`);
  },
};
