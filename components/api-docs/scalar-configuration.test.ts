// /docs/api must work offline and under the app's CSP: Scalar is told to fetch nothing from its own servers.
// (e2e/api-reference.spec.ts checks the rendered page in a browser.)
import { describe, expect, it } from "vitest";
import { OPENAPI_DOCUMENT_URL, scalarConfiguration } from "./scalar-configuration";

describe("scalarConfiguration", () => {
  it.each([true, false])("dark=%s: the app's document, no CDN fonts, telemetry, agent, MCP or toolbar", (dark) => {
    expect(scalarConfiguration(dark)).toMatchObject({
      url: OPENAPI_DOCUMENT_URL,
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: "never",
      forceDarkModeState: dark ? "dark" : "light",
    });
    expect(OPENAPI_DOCUMENT_URL).toBe("/api/openapi.json");
  });

  it("names no other origin (its CSS included)", () => {
    expect(JSON.stringify(scalarConfiguration(false))).not.toMatch(/https?:\/\//);
  });
});
