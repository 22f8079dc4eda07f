// `npm run stripe:setup [-- --live]`: creates the plans' meter, products and prices (by lookup key)
// in the Stripe account of STRIPE_SECRET_KEY; a second run creates nothing. A live key needs --live.
// See docs/decisions/012-stripe-prices-overage-and-test-server.md.
import { env } from "../lib/env";
import { setupStripeCatalog } from "../lib/stripe/setup-catalog";
import { createStripeClient } from "../lib/stripe/stripe-client";
import { isTestModeKey } from "../lib/stripe/stripe-settings";

const live = process.argv.includes("--live");
const secretKey = env.STRIPE_SECRET_KEY;
if (!secretKey) {
  console.error("Set STRIPE_SECRET_KEY (sk_test_… for a test account) to set up its prices.");
  process.exit(1);
}
if (!isTestModeKey(secretKey) && !live) {
  console.error("STRIPE_SECRET_KEY is a live key: pass --live to create prices in the live account.");
  process.exit(1);
}
const apiBase = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : undefined;
console.log(
  `• Stripe ${isTestModeKey(secretKey) ? "test mode" : "LIVE mode"}${apiBase ? ` at ${apiBase.origin}` : ""}`,
);
try {
  const report = await setupStripeCatalog(createStripeClient(secretKey, apiBase));
  for (const line of report.created) console.log(`  created  ${line}`);
  for (const line of report.existing) console.log(`  existing ${line}`);
  console.log(report.created.length === 0 ? "Nothing to create." : `Created ${report.created.length}.`);
} catch (error) {
  console.error(`Stripe setup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
