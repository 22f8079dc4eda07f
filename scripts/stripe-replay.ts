// `npm run stripe:replay -- --since <ISO time>`: feeds Stripe's events since then that the webhook
// inbox has not processed through the same inbox (docs/decisions/010-stripe-webhook-inbox.md).
import { createPrismaClient } from "../lib/db/prisma";
import { resolveDatabase } from "../lib/db/resolve-database";
import { replayStripeEvents } from "../lib/stripe/inbox/replay-stripe-events";
import { getStripe } from "../lib/stripe/stripe-client";
import { currentStripeSettings, paymentsOffMessage } from "../lib/stripe/stripe-settings";

const args = process.argv.slice(2);
const sinceArg = args[args.indexOf("--since") + 1];
const since = args.includes("--since") && sinceArg ? new Date(sinceArg) : null;
const settings = currentStripeSettings();
if (!since || Number.isNaN(since.getTime())) {
  console.error("Usage: npm run stripe:replay -- --since 2026-11-20T00:00:00Z   (Stripe keeps events for 30 days)");
  process.exit(1);
}
if (!settings) {
  console.error(paymentsOffMessage());
  process.exit(1);
}

const database = await resolveDatabase("dev");
const db = createPrismaClient(database.url);
try {
  const summary = await replayStripeEvents(db, getStripe(), since, settings.livemode);
  console.log(`Listed ${summary.listed} Stripe event(s) since ${since.toISOString()}:`);
  for (const [outcome, n] of Object.entries(summary.outcomes)) if (n) console.log(`  ${outcome}: ${n}`);
  if (summary.outcomes.failed) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
  await database.stop();
}
process.exit(Number(process.exitCode ?? 0));
