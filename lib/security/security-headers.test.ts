// The headers proxy.ts puts on every response: a nonce CSP, no framing, and the static hardening headers.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders, staticSecurityHeaders } from "./security-headers";

const NONCE = "bm9uY2UtZm9yLXRlc3Rz";

/** The policy as directive name → sources. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe("contentSecurityPolicy", () => {
  it("allows scripts only with this request's nonce (no 'unsafe-inline', no eval in production)", () => {
    const csp = directives(contentSecurityPolicy({ nonce: NONCE, development: false, https: false }));
    const script = csp.get("script-src")!;
    expect(script).toContain(`'nonce-${NONCE}'`);
    expect(script).toContain("'strict-dynamic'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    expect(script).not.toContain("*");
  });

  it("forbids framing, plugins and foreign base URIs; defaults to self", () => {
    const csp = directives(contentSecurityPolicy({ nonce: NONCE, development: false, https: false }));
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
  });

  it("a different nonce per request appears as given", () => {
    const a = contentSecurityPolicy({ nonce: "AAAA", development: false, https: false });
    const b = contentSecurityPolicy({ nonce: "BBBB", development: false, https: false });
    expect(a).toContain("'nonce-AAAA'");
    expect(a).not.toContain("BBBB");
    expect(b).toContain("'nonce-BBBB'");
  });

  it("development adds 'unsafe-eval' and the hot-reload websocket, still no 'unsafe-inline' for scripts", () => {
    const csp = directives(contentSecurityPolicy({ nonce: NONCE, development: true, https: false }));
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
  });

  it("https adds upgrade-insecure-requests; http does not", () => {
    expect(
      directives(contentSecurityPolicy({ nonce: NONCE, development: false, https: true })).has(
        "upgrade-insecure-requests",
      ),
    ).toBe(true);
    expect(
      directives(contentSecurityPolicy({ nonce: NONCE, development: false, https: false })).has(
        "upgrade-insecure-requests",
      ),
    ).toBe(false);
  });

  it("form targets (GitHub's OAuth page) are added to form-action only", () => {
    const policy = contentSecurityPolicy({
      nonce: NONCE,
      development: false,
      https: true,
      formTargets: ["https://github.com"],
    });
    const csp = directives(policy);
    expect(csp.get("form-action")).toEqual(["'self'", "https://github.com"]);
    expect(csp.get("script-src")).not.toContain("https://github.com");
    expect(csp.get("connect-src")).not.toContain("https://github.com");
  });

  it("each directive appears once", () => {
    const policy = contentSecurityPolicy({
      nonce: NONCE,
      development: true,
      https: true,
      formTargets: ["https://github.com"],
    });
    const names = policy.split(";").map((part) => part.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("staticSecurityHeaders", () => {
  const common = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };

  it.each([
    [false, common],
    [true, { ...common, "Strict-Transport-Security": "max-age=63072000; includeSubDomains" }],
  ])("https=%s → exactly these headers", (https, expected) => {
    expect(staticSecurityHeaders(https)).toEqual(expected);
  });
});

describe("securityHeaders", () => {
  it("is the CSP plus the static headers", () => {
    const options = { nonce: NONCE, development: false, https: true };
    expect(securityHeaders(options)).toEqual({
      "Content-Security-Policy": contentSecurityPolicy(options),
      ...staticSecurityHeaders(true),
    });
  });

  it("HSTS only over https", () => {
    expect(securityHeaders({ nonce: NONCE, development: false, https: false })).not.toHaveProperty(
      "Strict-Transport-Security",
    );
    expect(securityHeaders({ nonce: NONCE, development: false, https: true })["Strict-Transport-Security"]).toMatch(
      /^max-age=\d{8,}/,
    );
  });
});
