// Production talks to api.stripe.com, or to a server on loopback with a test-mode key (the browser
// tests' fake Stripe); anything else is refused. Development and tests may point anywhere.
import { describe, expect, it } from "vitest";
import { productionConfigProblems } from "../config/production-config";
import { isLoopbackHost, stripeApiBaseProblem, type StripeEnvironment } from "./stripe-settings";

const production = (apiBase: string | undefined, secretKey: string | undefined): StripeEnvironment => ({
  nodeEnv: "production",
  apiBase,
  secretKey,
  webhookSecret: "whsec_x",
});

describe("stripeApiBaseProblem", () => {
  const table: [apiBase: string | undefined, secretKey: string | undefined, refused: boolean][] = [
    [undefined, "sk_live_abc", false],
    ["https://api.stripe.com", "sk_live_abc", false],
    ["https://api.stripe.com/", "sk_test_abc", false],
    ["http://127.0.0.1:41234", "sk_test_abc", false],
    ["http://127.0.0.1:41234", "rk_test_abc", false],
    ["http://localhost:12111", "sk_test_abc", false],
    ["http://[::1]:12111", "sk_test_abc", false],
    // Loopback with a live key, or without a key: refused.
    ["http://127.0.0.1:41234", "sk_live_abc", true],
    ["http://127.0.0.1:41234", "rk_live_abc", true],
    ["http://127.0.0.1:41234", undefined, true],
    // Anything else: refused, whatever the key.
    ["http://api.stripe.com", "sk_test_abc", true],
    ["https://stripe.example.com", "sk_test_abc", true],
    ["https://127.0.0.1.example.com", "sk_test_abc", true],
    ["http://10.0.0.5:12111", "sk_test_abc", true],
    ["http://0.0.0.0:12111", "sk_test_abc", true],
  ];

  it.each(table)("production, %s with %s: refused %s", (apiBase, secretKey, refused) => {
    const problem = stripeApiBaseProblem(production(apiBase, secretKey));
    if (refused) expect(problem).toMatch(/^STRIPE_API_BASE \(/);
    else expect(problem).toBeNull();
  });

  it("development and tests may use any server", () => {
    for (const nodeEnv of ["development", "test"]) {
      expect(stripeApiBaseProblem({ ...production("https://stripe.example.com", "sk_live_abc"), nodeEnv })).toBeNull();
    }
  });

  it("production refuses to start with a loopback API and a live key", () => {
    const settings = {
      nodeEnv: "production",
      appUrlSet: true,
      authUrl: "https://settings.example.com",
      authSecret: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==",
      credentialsKey: "b3duLWtleS1vd24ta2V5LW93bi1rZXktb3duLWtleSE=",
      stripeApiBase: "http://127.0.0.1:41234",
    };
    expect(productionConfigProblems({ ...settings, stripeSecretKey: "sk_live_abc" })).toEqual([
      expect.stringMatching(/^STRIPE_API_BASE /),
    ]);
    expect(productionConfigProblems({ ...settings, stripeSecretKey: "sk_test_abc" })).toEqual([]);
  });

  it("loopback hosts", () => {
    expect(["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "[::1]", "::1"].every(isLoopbackHost)).toBe(true);
    expect(["128.0.0.1", "127.0.0.1.nip.io", "localhost.example.com", "[::2]", "0.0.0.0"].some(isLoopbackHost)).toBe(
      false,
    );
  });
});
