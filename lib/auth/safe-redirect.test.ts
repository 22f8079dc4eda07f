// The redirect rule (sign-in's callbackUrl, Auth.js's redirect callback): only a path on our origin survives.
import { describe, expect, it } from "vitest";
import { safeRedirectPath, safeRedirectUrl } from "./safe-redirect";

const APP = "http://localhost:3000";

describe("safeRedirectPath: refused targets become /", () => {
  const refused: [label: string, value: unknown][] = [
    ["tab after the slash (browsers strip it → //evil.example)", "/\t/evil.example"],
    // `?callbackUrl=/%09/evil.example` reaches the code decoded once (searchParams): a real tab.
    ["percent-encoded tab, decoded form (what searchParams hands over)", decodeURIComponent("/%09/evil.example")],
    ["CR LF", "/\r\n/x"],
    ["lone CR", "/\r/evil.example"],
    ["lone LF", "/\n/evil.example"],
    ["NUL", "/\u0000/evil.example"],
    ["DEL", "/\u007f/evil.example"],
    ["C1 control (NEL)", "/\u0085/evil.example"],
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with path", "//evil.example/w/abc"],
    ["backslash (browsers read it as /)", "/\\evil.example"],
    ["backslash pair", "\\\\evil.example"],
    ["absolute foreign URL", "https://evil.example"],
    ["absolute foreign URL with path", "https://evil.example/w/abc/settings"],
    ["look-alike host under our name", "http://localhost:3000.evil.example/"],
    ["our own origin written absolutely (paths only)", "http://localhost:3000/w/abc"],
    ["javascript: URL", "javascript:alert(1)"],
    ["data: URL", "data:text/html,<script>alert(1)</script>"],
    ["relative path without a slash", "w/abc"],
    ["empty string", ""],
    ["undefined", undefined],
    ["null", null],
    ["number", 42],
    ["object", { toString: () => "/w/abc" }],
    ["array", ["/w/abc"]],
    ["2001 characters", "/" + "a".repeat(2000)],
    ["lone high surrogate", "/w/\ud800"],
    ["lone low surrogate", "/w/\udc00x"],
  ];

  it.each(refused)("%s", (_label, value) => {
    expect(safeRedirectPath(value, APP)).toBe("/");
  });
});

describe("safeRedirectPath: same-origin paths are kept", () => {
  const kept: [value: string, expected: string][] = [
    ["/", "/"],
    ["/w/abc/settings/team?x=1#y", "/w/abc/settings/team?x=1#y"],
    ["/w/abc/settings/billing", "/w/abc/settings/billing"],
    ["/invitations/abcDEF_-123?from=email", "/invitations/abcDEF_-123?from=email"],
    // Encoded slashes stay encoded: a path on our origin, never a second authority.
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    // Still encoded (sent double-encoded): URL parsing never decodes %09, so this is a path here, not a tab.
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    // Dot segments are resolved on our origin; they cannot leave it.
    ["/w/../../evil.example", "/evil.example"],
    ["/" + "a".repeat(1999), "/" + "a".repeat(1999)],
  ];

  it.each(kept)("%s → %s", (value, expected) => {
    expect(safeRedirectPath(value, APP)).toBe(expected);
  });

  it("a kept path stays on our origin when resolved by a browser", () => {
    for (const [value] of kept) {
      expect(new URL(safeRedirectPath(value, APP), APP).origin).toBe(APP);
    }
  });
});

describe("safeRedirectUrl (Auth.js's absolute URLs)", () => {
  const table: [value: string, expected: string][] = [
    [`${APP}/w/abc/settings/team?x=1#y`, `${APP}/w/abc/settings/team?x=1#y`],
    [APP, `${APP}/`],
    [`${APP}/`, `${APP}/`],
    ["/w/abc", `${APP}/w/abc`],
    ["https://evil.example/w/abc", `${APP}/`],
    ["http://localhost:3000.evil.example/", `${APP}/`],
    ["http://localhost:3001/w/abc", `${APP}/`],
    ["https://localhost:3000/w/abc", `${APP}/`],
    [`${APP}//evil.example`, `${APP}/`],
    [`${APP}/\\evil.example`, `${APP}/`],
    [`${APP}/\t/evil.example`, `${APP}/`],
    ["javascript:alert(1)", `${APP}/`],
    ["", `${APP}/`],
  ];

  it.each(table)("%s → %s", (value, expected) => {
    expect(safeRedirectUrl(value, APP)).toBe(expected);
  });

  it("uses APP_URL when no base is given (tests run with the localhost default)", () => {
    expect(safeRedirectPath("//evil.example")).toBe("/");
    expect(safeRedirectPath("/w/abc")).toBe("/w/abc");
  });
});
