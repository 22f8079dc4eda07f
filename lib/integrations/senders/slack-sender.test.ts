import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryEvent, deliveryTarget } from "../../testing/delivery-fixtures";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import { sendToIntegration } from "./sender-registry";
import { SLACK_COLORS, SLACK_FIX_HINT } from "./slack-sender";

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(() => receiver.stop());
beforeEach(() => receiver.reset());

const HOOK_PATH = "/services/T000/B000/XXXXsecretXXXX";
const slack = (mention_on_critical = true) =>
  deliveryTarget("slack", { channel: "#alerts", mention_on_critical }, { webhook_url: receiver.url(HOOK_PATH) });
const options = { messageId: "msg-1", attemptAt: new Date(), allowPrivateNetworks: true };

interface SlackMessage {
  text: string;
  attachments: {
    color: string;
    blocks: {
      type: string;
      text?: { type: string; text: string };
      fields?: unknown[];
      elements?: Record<string, unknown>[];
    }[];
  }[];
}

async function sentMessage(): Promise<SlackMessage> {
  const request = await receiver.waitFor();
  expect(request.method).toBe("POST");
  expect(request.path).toBe(HOOK_PATH);
  expect(request.headers["content-type"]).toMatch(/^application\/json/);
  return JSON.parse(request.body) as SlackMessage;
}

describe("Slack sender", () => {
  it("posts a Block Kit message in a coloured attachment", async () => {
    const outcome = await sendToIntegration(slack(), deliveryEvent({ severity: "error" }), options);
    expect(outcome).toMatchObject({ kind: "success", httpStatus: 200, error: null });

    const message = await sentMessage();
    expect(message.text).toBe("Alert triggered: Error rate above 5%");
    expect(message.attachments).toHaveLength(1);
    const [attachment] = message.attachments;
    expect(attachment!.color).toBe(SLACK_COLORS.error);
    expect(attachment!.blocks.map((b) => b.type)).toEqual(["header", "section", "context", "actions"]);
    const [header, section, context, actions] = attachment!.blocks;
    expect(header!.text).toEqual({ type: "plain_text", text: "Alert triggered: Error rate above 5%", emoji: true });
    expect(section!.text).toEqual({ type: "mrkdwn", text: "checkout-agent: 7.2% of runs failed" });
    expect(section!.fields).toEqual([{ type: "mrkdwn", text: "*Alert id*\nalert-42" }]);
    const contextText = (context!.elements![0] as { text: string }).text;
    expect(contextText).toContain("*Severity:* error");
    expect(contextText).toContain("*Workspace:* Acme Agents");
    expect(contextText).toContain(`<!date^${Date.parse("2026-03-01T12:00:00Z") / 1000}^`);
    expect(actions!.elements![0]).toMatchObject({ type: "button", url: "https://app.example.com/w/acme/alerts" });
  });

  it("mentions the channel on critical events when asked to, and only then", async () => {
    await sendToIntegration(slack(true), deliveryEvent({ severity: "critical" }), options);
    const critical = await sentMessage();
    expect(critical.text).toBe("<!channel> Alert triggered: Error rate above 5%");
    expect(critical.attachments[0]!.color).toBe(SLACK_COLORS.critical);

    receiver.reset();
    await sendToIntegration(slack(false), deliveryEvent({ severity: "critical" }), options);
    expect((await sentMessage()).text).not.toContain("<!channel>");

    receiver.reset();
    await sendToIntegration(slack(true), deliveryEvent({ severity: "warning" }), options);
    expect((await sentMessage()).text).not.toContain("<!channel>");
  });

  it("colours a resolved alert green and escapes Slack's control characters in event text", async () => {
    const event = deliveryEvent({
      type: "alert.resolved",
      payload: { alertId: "a", title: "<!channel> & <https://evil.example|click>" },
    });
    await sendToIntegration(slack(), event, options);
    const message = await sentMessage();
    expect(message.attachments[0]!.color).toBe(SLACK_COLORS.resolved);
    expect(message.text).toBe("Alert resolved: &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;");
  });

  it("leaves out the section when there is nothing to say, and the button without an http(s) link", async () => {
    await sendToIntegration(
      slack(),
      deliveryEvent({ type: "usage.limit_exceeded" as const, payload: {}, link: "" }),
      options,
    );
    const types = (await sentMessage()).attachments[0]!.blocks.map((b) => b.type);
    expect(types).toEqual(["header", "section", "context"]);
    receiver.reset();
    const bare = deliveryEvent({ type: "member.removed" as const, payload: {} });
    await sendToIntegration(slack(), { ...bare, type: "x.unknown" as typeof bare.type }, options);
    expect((await sentMessage()).attachments[0]!.blocks.map((b) => b.type)).toEqual(["header", "context", "actions"]);
  });

  it.each([
    [404, "no_service"],
    [410, "channel_is_archived"],
    [403, "invalid_token"],
    [403, "action_prohibited"],
  ])("reads %i %s as gone, with how to fix it", async (status, body) => {
    receiver.respondWith({ status, body });
    const outcome = await sendToIntegration(slack(), deliveryEvent(), options);
    expect(outcome).toMatchObject({ kind: "gone", httpStatus: status, error: `Slack answered ${status}: ${body}` });
    expect(outcome.fixHint).toMatch(/Create a new incoming webhook in Slack and paste its URL|unarchive/);
    if (body === "no_service") expect(outcome.fixHint).toBe(SLACK_FIX_HINT);
    expect(outcome.error).not.toContain("secret");
  });

  it("reads 400 as permanent, 429 and 5xx as retryable", async () => {
    receiver.respondWith({ status: 400, body: "invalid_blocks" }, { times: 1 });
    expect(await sendToIntegration(slack(), deliveryEvent(), options)).toMatchObject({
      kind: "permanent",
      httpStatus: 400,
    });
    receiver.respondWith({ status: 429, headers: { "retry-after": "30" }, body: "rate_limited" }, { times: 1 });
    expect(await sendToIntegration(slack(), deliveryEvent(), options)).toMatchObject({
      kind: "retryable",
      retryAfterSeconds: 30,
    });
    receiver.respondWith({ status: 503 }, { times: 1 });
    expect(await sendToIntegration(slack(), deliveryEvent(), options)).toMatchObject({
      kind: "retryable",
      httpStatus: 503,
    });
  });
});
