import { describe, expect, it } from "vitest";
import { generateApiKey } from "../api-keys/key-format";
import { scanForSecrets } from "./log-secret-scan";

const clean = [
  '{"level":30,"requestId":"1b7c1a4e-8f2d-4a51-9a53-5f0c2b6f3d11","method":"GET","path":"/invitations/[token]","status":200,"msg":"request"}',
  '{"level":30,"msg":"email sent","subject":"Sign in to localhost:3000"}',
  "Using DATABASE_URL postgresql://settings_login:***@127.0.0.1:6432/settings",
  "✓ a webhook's whsec_ secret is shown once",
  "obs_live_abcd (prefix only)",
].join("\n");

describe("scanForSecrets", () => {
  it("passes clean logs: request lines, redacted URLs, prefixes and test names", () => {
    expect(scanForSecrets("server.log", clean, ["a-known-secret-value"])).toEqual([]);
  });

  it.each([
    ["API key", generateApiKey().secret],
    ["Stripe key", "sk_test_51Habcdefghijklmnop"],
    ["signing secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    ["invitation link", "http://localhost:3000/invitations/6h1tB0TuqNnBRp-JM7S7q5DIRQ2iP9pPKGnb_bmlst0"],
    ["sign-in link", "http://localhost:3000/api/auth/callback/nodemailer?callbackUrl=%2F&token=0123456789abcdef0123"],
    ["bearer token", "authorization: Bearer obs_live_thisisnotreallyakeybutlong"],
    ["database password", "connect postgresql://settings_login:hunter2hunter2@db:5432/settings"],
    ["Slack webhook", "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX"],
  ])("finds a %s, naming the line and kind but not the value", (kind, secret) => {
    const findings = scanForSecrets("worker.log", `${clean}\n{"msg":"oops","detail":"${secret}"}`, []);
    expect(findings.map((f) => f.kind)).toContain(kind);
    expect(findings[0]).toMatchObject({ file: "worker.log", line: 6 });
    expect(JSON.stringify(findings)).not.toContain(secret);
  });

  it("finds any value the suite was given as a secret, anywhere in a line", () => {
    const key = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==";
    expect(scanForSecrets("vitest.log", `ok\nkey=${key};`, [key])).toEqual([
      { file: "vitest.log", line: 2, kind: "a secret the suite was given" },
    ]);
    expect(scanForSecrets("vitest.log", "short", ["short"])).toEqual([]);
  });
});
