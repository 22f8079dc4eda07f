// Vitest globalSetup: one fake Stripe API for the whole run (docs/decisions/012-stripe-prices-overage-and-test-server.md),
// with the plans' catalog set up in it, handed to the workers as STRIPE_API_BASE, STRIPE_SECRET_KEY
// and STRIPE_WEBHOOK_SECRET. A STRIPE_SECRET_KEY already set (a Stripe test account) is left alone.
import { env, exportToChildProcesses } from "../env";
import { setupStripeCatalog } from "../stripe/setup-catalog";
import { createStripeClient } from "../stripe/stripe-client";
import { startFakeStripe } from "./fake-stripe";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (env.STRIPE_SECRET_KEY) return undefined;
  const fake = await startFakeStripe();
  await setupStripeCatalog(createStripeClient(fake.secretKey, new URL(fake.url)));
  // Workers are forked after global setup and inherit this process's environment.
  exportToChildProcesses({
    STRIPE_API_BASE: fake.url,
    STRIPE_SECRET_KEY: fake.secretKey,
    STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
  });
  return () => fake.stop();
}
