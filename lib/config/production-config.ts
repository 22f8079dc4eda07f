import { env, appUrlIsSet } from "../env";
import { DEVELOPMENT_AUTH_SECRET } from "../auth/auth-secret";
import { DEVELOPMENT_CREDENTIALS_KEY } from "../crypto/credentials-key";
import { stripeApiBaseProblem } from "../stripe/stripe-settings";

export interface ConfigSettings {
  nodeEnv: string;
  appUrlSet: boolean;
  authUrl: string | undefined;
  authSecret: string | undefined;
  credentialsKey: string | undefined;
  /** STRIPE_API_BASE, if set. */
  stripeApiBase?: string;
  /** STRIPE_SECRET_KEY, if set (a loopback STRIPE_API_BASE needs a test-mode key). */
  stripeSecretKey?: string;
}

/**
 * What production must have before it serves a request, each with why. Without
 * AUTH_URL, sign-in links would be built from the request's Host header; without
 * APP_URL, invitation links would point at localhost.
 */
export function productionConfigProblems(settings: ConfigSettings): string[] {
  if (settings.nodeEnv !== "production") return [];
  const problems: string[] = [];
  if (!settings.appUrlSet) problems.push("APP_URL (the public base URL, e.g. https://settings.example.com)");
  if (!settings.authUrl) problems.push("AUTH_URL (the public URL sign-in links are built from; usually APP_URL)");
  if (!settings.authSecret || settings.authSecret === DEVELOPMENT_AUTH_SECRET) {
    problems.push("AUTH_SECRET (`openssl rand -base64 32`)");
  }
  if (!settings.credentialsKey?.trim() || settings.credentialsKey.trim() === DEVELOPMENT_CREDENTIALS_KEY) {
    problems.push("INTEGRATION_CREDENTIALS_KEY (your own key: `openssl rand -base64 32`)");
  }
  const stripeProblem = stripeApiBaseProblem({
    nodeEnv: settings.nodeEnv,
    apiBase: settings.stripeApiBase,
    secretKey: settings.stripeSecretKey,
    webhookSecret: undefined,
  });
  if (stripeProblem) problems.push(stripeProblem);
  return problems;
}

export function currentProductionConfigProblems(): string[] {
  return productionConfigProblems({
    nodeEnv: env.NODE_ENV,
    appUrlSet: appUrlIsSet,
    authUrl: env.AUTH_URL,
    authSecret: env.AUTH_SECRET,
    credentialsKey: env.INTEGRATION_CREDENTIALS_KEY,
    stripeApiBase: env.STRIPE_API_BASE,
    stripeSecretKey: env.STRIPE_SECRET_KEY,
  });
}

/** Ends the process with a message naming each missing setting (called when a server starts). */
export function refuseToStartWithoutProductionConfig(): void {
  const problems = currentProductionConfigProblems();
  if (problems.length === 0) return;
  console.error(`Refusing to start in production. Set:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
