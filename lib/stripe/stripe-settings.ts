import { env } from "../env";

/** What the app needs from the environment to take payments. */
export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** A live key takes live events only; a test key test events only. */
  livemode: boolean;
  /** Another Stripe-compatible API (development and tests); undefined: Stripe's own. */
  apiBase: URL | undefined;
}

export const STRIPE_VARIABLES = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const;

export interface StripeEnvironment {
  nodeEnv: string;
  secretKey: string | undefined;
  webhookSecret: string | undefined;
  apiBase: string | undefined;
}

/** The variables still missing before payments work (empty when Stripe is configured). */
export function missingStripeVariables(environment: StripeEnvironment = currentEnvironment()): string[] {
  const missing: string[] = [];
  if (!environment.secretKey) missing.push("STRIPE_SECRET_KEY");
  if (!environment.webhookSecret) missing.push("STRIPE_WEBHOOK_SECRET");
  return missing;
}

/** The sentence the Billing tab and the webhook route show while payments are off. */
export function paymentsOffMessage(missing: string[] = missingStripeVariables()): string {
  return `Payments are not set up on this server: set ${missing.join(" and ")} to enable plan changes, Checkout and Stripe webhooks.`;
}

/** A test-mode key (`sk_test_…` or a restricted `rk_test_…`): it cannot move real money. */
export function isTestModeKey(secretKey: string | undefined): boolean {
  return Boolean(secretKey && /^(sk|rk)_test_/.test(secretKey));
}

/** 127.0.0.0/8, ::1 or localhost: a server on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Production talks to Stripe's own API only: a STRIPE_API_BASE that points elsewhere there would
 * send card and customer operations to an unknown server. One exception: a server on loopback
 * together with a test-mode key, which is how the browser tests run the production build against
 * the fake Stripe API (docs/decisions/012-stripe-prices-overage-and-test-server.md).
 */
export function stripeApiBaseProblem(environment: StripeEnvironment): string | null {
  if (environment.nodeEnv !== "production" || !environment.apiBase) return null;
  const base = new URL(environment.apiBase);
  if (base.protocol === "https:" && base.hostname === "api.stripe.com") return null;
  if (isLoopbackHost(base.hostname) && isTestModeKey(environment.secretKey)) return null;
  return "STRIPE_API_BASE (production uses Stripe's own API: unset it, or set https://api.stripe.com; a server on loopback only with a test-mode STRIPE_SECRET_KEY)";
}

/** Stripe's settings, or null while payments are off. */
export function stripeSettingsOf(environment: StripeEnvironment): StripeSettings | null {
  if (!environment.secretKey || !environment.webhookSecret) return null;
  return {
    secretKey: environment.secretKey,
    webhookSecret: environment.webhookSecret,
    livemode: /^(sk|rk)_live_/.test(environment.secretKey),
    apiBase: environment.apiBase ? new URL(environment.apiBase) : undefined,
  };
}

export function currentEnvironment(): StripeEnvironment {
  return {
    nodeEnv: env.NODE_ENV,
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    apiBase: env.STRIPE_API_BASE,
  };
}

export function currentStripeSettings(): StripeSettings | null {
  return stripeSettingsOf(currentEnvironment());
}
