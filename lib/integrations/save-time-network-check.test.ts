// Save-time SSRF refusal through the action (the address rules themselves are tested in
// lib/integrations/network): with private networks not allowed, as in production.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRoleWorkspace, requestAs } from "../testing/fixtures";
import { testPrisma } from "../testing/test-db";

vi.mock("server-only", () => ({}));

const db = testPrisma();
let createIntegrationAction: (typeof import("./integration-action-definitions"))["createIntegrationAction"];

beforeAll(async () => {
  // lib/env.ts reads the environment once, at import: stub it, then load the app's modules afresh.
  vi.stubEnv("INTEGRATIONS_ALLOW_PRIVATE_NETWORKS", "false");
  vi.resetModules();
  ({ createIntegrationAction } = await import("./integration-action-definitions"));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.resetModules();
  await db.$disconnect();
});

describe("a destination on a private network", () => {
  it.each([
    ["webhook", "url", "http://127.0.0.1:8080/hook"],
    ["webhook", "url", "http://169.254.169.254/latest/meta-data/"],
    ["custom", "url", "http://[::1]/x"],
    ["slack", "webhookUrl", "http://10.0.0.7/services/T/B/x"],
    ["webhook", "url", "http://2130706433/"],
  ])("%s %s %s is refused with a field error, and nothing is saved", async (type, field, url) => {
    const ws = await createRoleWorkspace(db, "int-ssrf");
    const result = await createIntegrationAction.run(requestAs(ws.actors.owner.token), {
      workspaceId: ws.workspaceId,
      type,
      name: "Internal",
      [field]: url,
    });
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    if (result.ok) return;
    expect(result.fieldErrors?.[field]?.[0]).toMatch(/public/);
    expect(await db.integrationConfig.count({ where: { workspaceId: ws.workspaceId } })).toBe(0);
  });
});
