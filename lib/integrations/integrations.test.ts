// The Integrations tab's actions and their REST routes against PostgreSQL (docs/integrations.md):
// secrets are write-only, the webhook signing secret is answered once, save-time checks give field
// errors, and only owners, admins and keys with integrations:write change anything.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { createTestApiKey } from "../testing/api-key-fixtures";
import { callApi } from "../testing/call-route";
import { createRoleWorkspace, requestAs, type RoleWorkspace } from "../testing/fixtures";
import { startHttpReceiver, type HttpReceiver } from "../testing/http-receiver";
import { testPrisma } from "../testing/test-db";
import { credentialsCipher } from "../crypto/credentials-key";
import {
  createIntegrationAction,
  deleteIntegrationAction,
  rotateSigningSecretAction,
  sendTestEventAction,
  setIntegrationEnabledAction,
  updateIntegrationAction,
} from "./integration-action-definitions";
import { openSecrets } from "./integration-credentials";
import { logger } from "../logger";

vi.mock("server-only", () => ({}));

const db = testPrisma();
let receiver: HttpReceiver;
/** Everything the app handed to the logger while this file ran (each call's arguments, as JSON). */
const logged: string[] = [];
/** Every secret this file used: none may appear in a log line. */
const secretsUsed: string[] = [];
beforeAll(async () => {
  receiver = await startHttpReceiver();
  for (const level of ["fatal", "error", "warn", "info", "debug"] as const) {
    const original = logger[level].bind(logger);
    vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
      logged.push(
        JSON.stringify(args, (_, value) =>
          value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
        ),
      );
      return (original as (...a: unknown[]) => void)(...args);
    }) as never);
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await receiver.stop();
  await db.$disconnect();
});

const INTEGRATIONS = "api/workspaces/[workspaceId]/integrations";
const SLACK_URL_TOKEN = "T0TEST/B0TEST/verySecretSlackToken123";

/** Everything stored about a workspace that a secret must never reach (besides the ciphertext). */
async function everythingVisible(workspaceId: string): Promise<string> {
  return JSON.stringify(
    await db.$queryRaw`SELECT
      (SELECT json_agg(json_build_object('config', i.config, 'name', i.name, 'filters', i.event_filters,
               'error', i.last_error_message)) FROM integrations_config i WHERE i.workspace_id = ${workspaceId}::uuid) AS integrations,
      (SELECT json_agg(r) FROM integration_runtime r WHERE r.workspace_id = ${workspaceId}::uuid) AS runtime,
      (SELECT json_agg(a) FROM audit_log a WHERE a.workspace_id = ${workspaceId}::uuid) AS audit,
      (SELECT json_agg(d) FROM integration_deliveries d WHERE d.workspace_id = ${workspaceId}::uuid) AS deliveries,
      (SELECT json_agg(t) FROM integration_delivery_attempts t WHERE t.workspace_id = ${workspaceId}::uuid) AS attempts,
      (SELECT json_agg(k) FROM idempotency_keys k WHERE k.workspace_id = ${workspaceId}::uuid) AS idempotency`,
  );
}

async function createSlack(ws: RoleWorkspace) {
  const result = await createIntegrationAction.run(requestAs(ws.actors.admin.token), {
    workspaceId: ws.workspaceId,
    type: "slack",
    name: "Alerts",
    webhookUrl: `${receiver.url("/services/")}${SLACK_URL_TOKEN}`,
    channel: "#alerts",
    eventFilters: { event_types: ["alert.triggered"], min_severity: "warning" },
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data.integration;
}

describe("secrets are write-only", () => {
  it("a webhook's signing secret is answered once; lists, audit and replays never carry it", async () => {
    const ws = await createRoleWorkspace(db, "int-webhook");
    const created = await callApi({
      method: "POST",
      route: INTEGRATIONS,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.admin.token,
      headers: { "Idempotency-Key": "create-webhook-1" },
      body: { type: "webhook", name: "Warehouse", url: receiver.url("/hooks/warehouse") },
    });
    expect(created.status).toBe(200);
    const { integration, signingSecret } = created.json.data;
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    secretsUsed.push(signingSecret.slice(6, -5));
    expect(Buffer.from(signingSecret.slice(6), "base64")).toHaveLength(32);
    expect(integration).toMatchObject({ type: "webhook", name: "Warehouse", isEnabled: true, hasCredentials: true });
    expect(integration.secretHint).toBe(`whsec_…${signingSecret.slice(-4)}`);

    const replay = await callApi({
      method: "POST",
      route: INTEGRATIONS,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.admin.token,
      headers: { "Idempotency-Key": "create-webhook-1" },
      body: { type: "webhook", name: "Warehouse", url: receiver.url("/hooks/warehouse") },
    });
    expect(replay.status).toBe(200);
    expect(replay.json.data.signingSecret).toBeNull();

    const listed = await callApi({
      method: "GET",
      route: INTEGRATIONS,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.viewer.token,
    });
    expect(listed.status).toBe(200);
    const secretPart = signingSecret.slice(6, -5);
    expect(JSON.stringify(listed.json)).not.toContain(secretPart);
    expect(await everythingVisible(ws.workspaceId)).not.toContain(secretPart);

    // Stored encrypted, bound to this row.
    const row = await db.integrationConfig.findUniqueOrThrow({ where: { id: integration.id } });
    expect(row.credentialsEncrypted).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(openSecrets(row.credentialsEncrypted, { workspaceId: ws.workspaceId, integrationId: row.id })).toEqual({
      signing_secret: signingSecret,
    });
  });

  it("a Slack URL (the secret) never comes back; an edit without it keeps it", async () => {
    const ws = await createRoleWorkspace(db, "int-slack");
    const integration = await createSlack(ws);
    expect(integration.destination).toBe(`#alerts (${new URL(receiver.origin).host})`);
    expect(integration.secretHint).toBe(`${new URL(receiver.origin).host}/…${SLACK_URL_TOKEN.slice(-4)}`);

    const edited = await updateIntegrationAction.run(requestAs(ws.actors.owner.token), {
      workspaceId: ws.workspaceId,
      integrationId: integration.id,
      type: "slack",
      name: "Agent alerts",
      channel: "#agent-alerts",
    });
    expect(edited.ok).toBe(true);
    const row = await db.integrationConfig.findUniqueOrThrow({ where: { id: integration.id } });
    expect(row.name).toBe("Agent alerts");
    expect(openSecrets(row.credentialsEncrypted, { workspaceId: ws.workspaceId, integrationId: row.id })).toEqual({
      webhook_url: `${receiver.url("/services/")}${SLACK_URL_TOKEN}`,
    });
    for (const answer of [
      edited,
      await callApi({
        method: "GET",
        route: INTEGRATIONS,
        params: { workspaceId: ws.workspaceId },
        token: ws.actors.member.token,
      }),
    ]) {
      expect(JSON.stringify(answer)).not.toContain("verySecretSlackToken");
    }
    expect(await everythingVisible(ws.workspaceId)).not.toContain("verySecretSlackToken");
  });

  it("a ciphertext copied to another integration does not decrypt there", async () => {
    const ws = await createRoleWorkspace(db, "int-copy");
    const slack = await createSlack(ws);
    const other = await createIntegrationAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      type: "webhook",
      name: "Other",
      url: receiver.url("/hooks/other"),
    });
    if (!other.ok) throw new Error(JSON.stringify(other));
    const source = await db.integrationConfig.findUniqueOrThrow({ where: { id: slack.id } });
    await db.integrationConfig.update({
      where: { id: other.data.integration.id },
      data: { credentialsEncrypted: source.credentialsEncrypted },
    });
    expect(() =>
      credentialsCipher().decrypt(source.credentialsEncrypted!, {
        workspaceId: ws.workspaceId,
        integrationId: other.data.integration.id,
      }),
    ).toThrow(/could not be decrypted/);
    // The test event says what is wrong, without a secret, and nothing is sent.
    const before = receiver.requests.length;
    const test = await sendTestEventAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      integrationId: other.data.integration.id,
    });
    expect(test.ok).toBe(false);
    expect(JSON.stringify(test)).not.toContain("verySecretSlackToken");
    expect(receiver.requests.length).toBe(before);
  });

  it("rotation answers a new secret once and signs with both for 24 hours", async () => {
    const ws = await createRoleWorkspace(db, "int-rotate");
    const created = await createIntegrationAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      type: "webhook",
      name: "Rotating",
      url: receiver.url("/hooks/rotating"),
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const oldSecret = created.data.signingSecret!;
    secretsUsed.push(oldSecret.slice(6, -5));
    const rotated = await rotateSigningSecretAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      integrationId: created.data.integration.id,
    });
    if (!rotated.ok) throw new Error(JSON.stringify(rotated));
    expect(rotated.data.signingSecret).not.toBe(oldSecret);
    secretsUsed.push(rotated.data.signingSecret!.slice(6, -5));
    expect(new Date(rotated.data.previousValidUntil).getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);

    const test = await sendTestEventAction.run(requestAs(ws.actors.admin.token), {
      workspaceId: ws.workspaceId,
      integrationId: created.data.integration.id,
    });
    if (!test.ok) throw new Error(JSON.stringify(test));
    expect(test.data).toMatchObject({ delivered: true, httpStatus: 200 });
    const received = await receiver.waitFor((r) => r.path === "/hooks/rotating");
    expect(received.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    for (const secret of [oldSecret, rotated.data.signingSecret!]) {
      expect(() => new Webhook(secret).verify(received.body, received.headers)).not.toThrow();
    }
    expect(JSON.stringify(await everythingVisible(ws.workspaceId))).not.toContain(
      rotated.data.signingSecret!.slice(6, -5),
    );
  });
});

describe("saving", () => {
  it("answers field errors that say how to fix the value, and changes nothing", async () => {
    const ws = await createRoleWorkspace(db, "int-invalid");
    const result = await callApi({
      method: "POST",
      route: INTEGRATIONS,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.owner.token,
      body: { type: "datadog", name: "", apiKey: "not-a-key", site: "MARS" },
    });
    expect(result.status).toBe(400);
    expect(result.json.error.fieldErrors).toMatchObject({
      name: [expect.stringContaining("name")],
      apiKey: [expect.stringContaining("32 hexadecimal")],
      site: [expect.stringContaining("US1, US3, US5, EU, AP1 or AP2")],
    });
    const custom = await callApi({
      method: "POST",
      route: INTEGRATIONS,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.owner.token,
      body: { type: "custom", name: "Bad template", url: receiver.url("/c"), bodyTemplate: '{"x": "{{nope}}"}' },
    });
    expect(custom.status).toBe(400);
    expect(custom.json.error.fieldErrors.bodyTemplate[0]).toMatch(/nope/);
    expect(await db.integrationConfig.count({ where: { workspaceId: ws.workspaceId } })).toBe(0);
  });

  it("refuses a second integration of the same type and name (409), and the type of an existing one cannot change", async () => {
    const ws = await createRoleWorkspace(db, "int-conflict");
    const slack = await createSlack(ws);
    const again = await callApi({
      method: "POST",
      route: INTEGRATIONS,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.owner.token,
      body: { type: "slack", name: "Alerts", webhookUrl: receiver.url("/services/x") },
    });
    expect(again.status).toBe(409);
    const retype = await callApi({
      method: "PATCH",
      route: INTEGRATIONS,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.owner.token,
      body: { action: "update", integrationId: slack.id, type: "webhook", url: receiver.url("/x") },
    });
    expect(retype.status).toBe(400);
    expect(retype.json.error.fieldErrors.type[0]).toMatch(/cannot change/);
  });

  it("every type saves with its own settings; DELETE removes it", async () => {
    const ws = await createRoleWorkspace(db, "int-types");
    const inputs = [
      { type: "pagerduty", name: "On call", routingKey: "R0123456789ABCDEF0123456789ABCDE" },
      { type: "sentry", name: "Errors", dsn: `http://abc123@127.0.0.1:${receiver.port}/42`, environment: "staging" },
      { type: "datadog", name: "Events", apiKey: "0123456789abcdef0123456789abcdef", site: "EU" },
      {
        type: "custom",
        name: "Custom",
        url: receiver.url("/custom"),
        method: "PUT",
        headers: [{ name: "X-Token", value: "customHeaderSecret" }],
        bodyTemplate: '{"title": "{{event.title}}"}',
      },
    ];
    for (const body of inputs) {
      const saved = await callApi({
        method: "POST",
        route: INTEGRATIONS,
        params: { workspaceId: ws.workspaceId },
        token: ws.actors.admin.token,
        body,
      });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
      expect(saved.json.data.signingSecret).toBeUndefined();
    }
    const listed = await callApi({
      method: "GET",
      route: INTEGRATIONS,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.viewer.token,
    });
    const byType = Object.fromEntries(listed.json.data.integrations.map((i: { type: string }) => [i.type, i]));
    expect(byType.datadog.destination).toBe("Datadog EU (api.datadoghq.eu)");
    expect(byType.custom.settings).toMatchObject({ method: "PUT", header_names: ["X-Token"] });
    expect(byType.pagerduty.secretHint).toBe("routing key …BCDE");
    for (const secret of [
      "R0123456789ABCDEF0123456789ABCDE",
      "0123456789abcdef0123456789abcdef",
      "customHeaderSecret",
      "abc123@",
    ]) {
      expect(JSON.stringify(listed.json)).not.toContain(secret);
      expect(await everythingVisible(ws.workspaceId)).not.toContain(secret);
    }
    const removed = await callApi({
      method: "DELETE",
      route: INTEGRATIONS,
      params: { workspaceId: ws.workspaceId },
      token: ws.actors.admin.token,
      body: { integrationId: byType.custom.id },
    });
    expect(removed.status).toBe(200);
    expect(await db.integrationConfig.count({ where: { workspaceId: ws.workspaceId } })).toBe(3);
  });
});

describe("who may change integrations", () => {
  it("a viewer and a member can neither change, test nor see a secret — through the action or REST", async () => {
    const ws = await createRoleWorkspace(db, "int-access");
    const slack = await createSlack(ws);
    const before = receiver.requests.length;
    for (const role of ["member", "viewer"] as const) {
      const token = ws.actors[role].token;
      const test = await sendTestEventAction.run(requestAs(token), {
        workspaceId: ws.workspaceId,
        integrationId: slack.id,
      });
      expect(test).toMatchObject({ ok: false, code: "forbidden" });
      const viaRest = await callApi({
        method: "PATCH",
        route: INTEGRATIONS,
        params: { workspaceId: ws.workspaceId },
        token,
        body: { action: "send_test_event", integrationId: slack.id },
      });
      expect(viaRest.status).toBe(403);
      const off = await setIntegrationEnabledAction.run(requestAs(token), {
        workspaceId: ws.workspaceId,
        integrationId: slack.id,
        enabled: false,
      });
      expect(off).toMatchObject({ ok: false, code: "forbidden" });
      const gone = await deleteIntegrationAction.run(requestAs(token), {
        workspaceId: ws.workspaceId,
        integrationId: slack.id,
      });
      expect(gone).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(receiver.requests.length).toBe(before);
    expect(await db.integrationConfig.findUniqueOrThrow({ where: { id: slack.id } })).toMatchObject({
      isEnabled: true,
    });
  });

  it("a key without integrations:write cannot change integrations; one with it can", async () => {
    const ws = await createRoleWorkspace(db, "int-keys");
    const readOnly = await createTestApiKey(db, ws.workspaceId, {
      scopes: ["read"],
      createdBy: ws.actors.owner.userId,
    });
    const writer = await createTestApiKey(db, ws.workspaceId, {
      scopes: ["integrations:write"],
      createdBy: ws.actors.owner.userId,
    });
    const body = { type: "webhook", name: "By key", url: receiver.url("/k") };
    const refused = await callApi({
      method: "POST",
      route: INTEGRATIONS,
      params: { workspaceId: ws.workspaceId },
      bearer: readOnly.secret,
      body,
    });
    expect(refused.status).toBe(403);
    const allowed = await callApi({
      method: "POST",
      route: INTEGRATIONS,
      params: { workspaceId: ws.workspaceId },
      bearer: writer.secret,
      body,
    });
    expect(allowed.status).toBe(200);
  });
});

describe("logs", () => {
  it("no log line written while this file ran carries a secret (run the whole file)", () => {
    secretsUsed.push(
      "verySecretSlackToken",
      "R0123456789ABCDEF0123456789ABCDE",
      "0123456789abcdef0123456789abcdef",
      "customHeaderSecret",
    );
    // The decrypt failure above was logged: the check has something to look at.
    expect(logged.join("\n")).toMatch(/could not be decrypted/);
    for (const secret of secretsUsed) expect(logged.join("\n"), secret).not.toContain(secret);
  });
});
