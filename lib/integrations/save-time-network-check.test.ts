// Save-time SSRF refusal through the action (the address rules themselves are tested in
// lib/integrations/network): with private networks not allowed, as in production.
import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.INTEGRATIONS_ALLOW_PRIVATE_NETWORKS = "false";
});
vi.mock("server-only", () => ({}));

const { createRoleWorkspace, requestAs } = await import("../testing/fixtures");
const { testPrisma } = await import("../testing/test-db");
const { createIntegrationAction } = await import("./integration-action-definitions");

const db = testPrisma();
afterAll(() => db.$disconnect());

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
