import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryEvent, deliveryTarget } from "../../testing/delivery-fixtures";
import { startHttpReceiver, type HttpReceiver } from "../../testing/http-receiver";
import type { IntegrationSettings } from "../integration-types";
import { checkBodyTemplate, renderBodyTemplate, TEMPLATE_VARIABLES } from "./custom-sender";
import { sendToIntegration } from "./sender-registry";

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(() => receiver.stop());
beforeEach(() => receiver.reset());

const TEMPLATE = '{"text": "{{event.title}}", "id": "{{ event.id }}", "data": {{event.payload}}}';
const custom = (settings: Partial<IntegrationSettings["custom"]> = {}, headers: Record<string, string> = {}) =>
  deliveryTarget(
    "custom",
    {
      url: receiver.url("/ingest"),
      method: "PUT",
      header_names: Object.keys(headers),
      body_template: TEMPLATE,
      ...settings,
    },
    { headers },
  );
const send = (target = custom(), event = deliveryEvent()) =>
  sendToIntegration(target, event, { messageId: "m", attemptAt: new Date(), allowPrivateNetworks: true });

describe("renderBodyTemplate", () => {
  const tricky = deliveryEvent({
    payload: { alertId: 'a"1', title: 'Quote " backslash \\ newline \n tab \t end', nested: { list: [1, "two"] } },
  });

  it("fills every variable, strings JSON-escaped so the template stays valid JSON", () => {
    const template = `{${TEMPLATE_VARIABLES.filter((v) => v.name !== "event.payload")
      .map((v) => `"${v.name}": "{{${v.name}}}"`)
      .join(", ")}, "payload": {{event.payload}}}`;
    expect(JSON.parse(renderBodyTemplate(template, tricky))).toEqual({
      "event.id": tricky.id,
      "event.type": "alert.triggered",
      "event.severity": "error",
      "event.created_at": "2026-03-01T12:00:00.000Z",
      "event.title": 'Alert triggered: Quote " backslash \\ newline \n tab \t end',
      "event.text": "An alert fired in Acme Agents.",
      "workspace.id": tricky.workspaceId,
      "workspace.name": "Acme Agents",
      link: "https://app.example.com/w/acme/alerts",
      payload: tricky.payload,
    });
  });

  it("leaves everything else alone, and renders an unknown variable empty", () => {
    expect(renderBodyTemplate("severity={{event.severity}}&x={{nope}}&{single}", deliveryEvent())).toBe(
      "severity=error&x=&{single}",
    );
  });
});

describe("checkBodyTemplate", () => {
  it("accepts the documented variables, with or without spaces", () => {
    expect(checkBodyTemplate(TEMPLATE)).toBeNull();
    expect(checkBodyTemplate("no variables at all")).toBeNull();
  });

  it("names an unknown variable and lists the known ones", () => {
    const message = checkBodyTemplate('{"a": "{{event.name}}"}');
    expect(message).toMatch(/^Unknown variable \{\{event\.name\}\}; use one of \{\{event\.id\}\}, \{\{event\.type\}\}/);
    expect(message).toContain("{{workspace.name}}, {{link}}");
    expect(checkBodyTemplate("{{}}")).toMatch(/^Unknown variable \{\{\}\}/);
  });

  it("refuses more than 10 KB", () => {
    expect(checkBodyTemplate("x".repeat(10 * 1024))).toBeNull();
    expect(checkBodyTemplate("x".repeat(10 * 1024 + 1))).toBe("The body template is too long (at most 10 KB)");
  });
});

describe("Custom HTTP sender", () => {
  it("sends the rendered body with the method and the secret headers", async () => {
    const target = custom({ method: "PATCH" }, { Authorization: "Bearer s3cr3t", "X-Team": "agents" });
    expect(await send(target)).toMatchObject({ kind: "success", httpStatus: 200 });
    const request = await receiver.waitFor();
    expect([request.method, request.path]).toEqual(["PATCH", "/ingest"]);
    expect(request.headers).toMatchObject({
      authorization: "Bearer s3cr3t",
      "x-team": "agents",
      "content-type": "application/json",
    });
    expect(JSON.parse(request.body)).toEqual({
      text: "Alert triggered: Error rate above 5%",
      id: deliveryEvent().id,
      data: deliveryEvent().payload,
    });
  });

  it("keeps a Content-Type the headers set", async () => {
    await send(custom({ body_template: "text={{event.title}}" }, { "content-type": "text/plain" }));
    const request = await receiver.waitFor();
    expect(request.headers["content-type"]).toBe("text/plain");
    expect(request.body).toBe("text=Alert triggered: Error rate above 5%");
  });

  it.each([
    [{ "Bad Name": "x" }, '"Bad Name" is not a valid header name'],
    [{ Host: "evil.example" }, "The Host header is set automatically"],
    [{ "X-Key": "a\r\nInjected: 1" }, "The value of X-Key contains a line break"],
  ])("refuses the headers %j without sending, as a permanent failure", async (headers, error) => {
    const outcome = await send(custom({}, headers));
    expect(outcome).toMatchObject({ kind: "permanent", httpStatus: null });
    expect(outcome.error).toContain(error);
    expect(outcome.error).not.toContain("evil.example");
    expect(receiver.requests).toHaveLength(0);
  });

  it("reads 2xx as success, 410 as gone, 400/401/403/404/422 as permanent, the rest as retryable", async () => {
    const expected: [number, string][] = [
      [201, "success"],
      [410, "gone"],
      [400, "permanent"],
      [401, "permanent"],
      [403, "permanent"],
      [404, "permanent"],
      [422, "permanent"],
      [408, "retryable"],
      [429, "retryable"],
      [500, "retryable"],
      [307, "retryable"],
    ];
    for (const [status, kind] of expected) {
      receiver.respondWith({ status }, { times: 1 });
      expect(await send(custom({}, { Authorization: "Bearer s3cr3t" }))).toMatchObject({ kind, httpStatus: status });
    }
    expect(receiver.requests).toHaveLength(expected.length);
  });
});
