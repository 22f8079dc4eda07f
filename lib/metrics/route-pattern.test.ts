// Route labels are the route's pattern, never a concrete id: as few values as there are routes.
import { describe, expect, it } from "vitest";
import { routePattern } from "./route-pattern";

const ws = "0b6f9a3e-4c1d-4e8a-9f2b-7d5c3a1e9b40";
const key = "5f0c2d1e-8a7b-4c3d-9e6f-1a2b3c4d5e6f";

describe("routePattern", () => {
  it.each([
    ["a workspace route", `/api/workspaces/${ws}/team`, { workspaceId: ws }, "/api/workspaces/[workspaceId]/team"],
    [
      "two parameters",
      `/api/workspaces/${ws}/api-keys/${key}`,
      { workspaceId: ws, keyId: key },
      "/api/workspaces/[workspaceId]/api-keys/[keyId]",
    ],
    [
      "three, nested",
      `/api/workspaces/${ws}/integrations/abc/deliveries/def/retry`,
      { workspaceId: ws, integrationId: "abc", deliveryId: "def" },
      "/api/workspaces/[workspaceId]/integrations/[integrationId]/deliveries/[deliveryId]/retry",
    ],
    [
      "a malformed id",
      "/api/workspaces/not-an-id/team",
      { workspaceId: "not-an-id" },
      "/api/workspaces/[workspaceId]/team",
    ],
    [
      "a percent-encoded id",
      "/api/workspaces/a%20b/team",
      { workspaceId: "a b" },
      "/api/workspaces/[workspaceId]/team",
    ],
    ["a route without parameters", "/api/workspaces", {}, "/api/workspaces"],
    ["a UUID no parameter names", `/api/workspaces/${ws}/team`, {}, "/api/workspaces/[id]/team"],
    ["a catch-all", "/api/auth/callback/github", { nextauth: ["callback", "github"] }, "/api/auth/[...nextauth]"],
    ["an empty parameter", "/api/workspaces/team", { workspaceId: "" }, "/api/workspaces/team"],
    ["a segment that does not decode", "/api/x/%E0%A4%A", {}, "/api/x/%E0%A4%A"],
  ])("%s", (_label, pathname, params, expected) => {
    expect(routePattern(pathname, params)).toBe(expected);
  });
});
