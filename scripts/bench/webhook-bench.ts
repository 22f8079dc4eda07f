// The Stripe webhook inbox over HTTP against our production server (the billing issue's benchmark;
// docs/decisions/010-stripe-webhook-inbox.md): a fake Stripe API started here, its catalog set up,
// workspaces subscribed in it, and the server pointed at it (a loopback STRIPE_API_BASE with a
// test-mode key). Two bursts at `concurrency` senders, each event signed right before it is sent:
// distinct events (subscription updates, paid invoices and late deliveries over many workspaces,
// each retrieving its subscription from the fake), then duplicates of one `invoice.payment_failed`.
// After each, every event must have been applied exactly once (webhook-check.ts).
import type pg from "pg";
import { createStripeClient } from "../../lib/stripe/stripe-client";
import { setupStripeCatalog } from "../../lib/stripe/setup-catalog";
import { fakeStripeControls, signStripePayload, startFakeStripe, type FakeStripe } from "../../lib/testing/fake-stripe";
import { stripeEvent } from "../../lib/testing/stripe-fixtures";
import { productionServerEnv, startServer, type ServerProcess } from "./server-process";
import { measureBurst, type WebhookBurst } from "./webhook-burst";
import type { EffectCounts } from "./webhook-check";
import { distinctEvents, paymentFailedEvent } from "./webhook-events";
import { sendBurst } from "./webhook-send";
import { createSubscribers } from "./webhook-subscribers";

export interface WebhookBenchResult {
  concurrency: number;
  bursts: WebhookBurst[];
}

/** Every fourth workspace of the distinct burst moves to Professional in Stripe just before it. */
const CHANGED_EVERY = 4;

export async function runWebhookBench(
  client: pg.Client,
  databaseUrl: string,
  options: {
    port: number;
    stripePort: number;
    concurrency: number;
    events: number;
    workspaces: number;
    log: (message: string) => void;
  },
): Promise<WebhookBenchResult> {
  const started = performance.now();
  let fake: FakeStripe | undefined;
  let server: ServerProcess | undefined;
  try {
    fake = await startFakeStripe({ port: options.stripePort });
    const stripe = createStripeClient(fake.secretKey, new URL(fake.url));
    await setupStripeCatalog(stripe);
    options.log(`  subscribing ${options.workspaces + 1} workspaces in the fake Stripe API (${fake.url})`);
    const subscribers = await createSubscribers(client, stripe, fake.url, options.workspaces, "distinct");
    const [target] = await createSubscribers(client, stripe, fake.url, 1, "duplicate");
    const all = [...subscribers, target!];

    const base = `http://127.0.0.1:${options.port}`;
    const secret = fake.webhookSecret;
    const probePayload = () =>
      JSON.stringify(stripeEvent("charge.succeeded", { id: `ch_probe_${Date.now()}`, object: "charge" }));
    server = await startServer({
      args: ["scripts/start-server.mjs", "--hostname", "127.0.0.1", "--port", String(options.port)],
      env: productionServerEnv(base, {
        DATABASE_URL: databaseUrl,
        STRIPE_API_BASE: fake.url,
        STRIPE_SECRET_KEY: fake.secretKey,
        STRIPE_WEBHOOK_SECRET: secret,
        EMAIL_SERVER: undefined,
      }),
      port: options.port,
      probe: (b) => ({
        request: () => {
          const payload = probePayload();
          return fetch(`${b}/api/webhooks/stripe`, {
            method: "POST",
            headers: { "content-type": "application/json", "stripe-signature": signStripePayload(payload, secret) },
            body: payload,
          });
        },
        marker: '"outcome":"unhandled"',
      }),
    });

    // Each workspace's Checkout delivered (Free → Starter), which also warms the server up.
    options.log(`  delivering ${all.length} checkout.session.completed (and warming up)`);
    const checkouts = await sendBurst(
      base,
      secret,
      all.map((s) => JSON.stringify(s.checkoutCompleted)),
      options.concurrency,
    );
    const notApplied = checkouts.outcomes.filter((outcome) => outcome !== "applied").length;
    if (notApplied > 0) throw new Error(`${notApplied} checkouts not applied: ${checkouts.firstError ?? "?"}`);
    // Every burst event is created now or an hour before: none is older than another applied one.
    const created = Math.floor(Date.now() / 1000);
    await sendBurst(
      base,
      secret,
      distinctEvents(subscribers, Math.min(200, options.events), created, "warm").map((e) => e.payload),
      options.concurrency,
    );

    const controls = fakeStripeControls(fake.url);
    const changed = subscribers.filter((_, index) => index % CHANGED_EVERY === 0);
    for (const subscriber of changed) {
      await controls.changeSubscription(subscriber.subscription.id, { price_lookup_key: "professional_monthly" });
    }
    const bursts: WebhookBurst[] = [];
    const distinctExpected: EffectCounts = new Map(
      changed.flatMap((s) => [
        [`${s.workspaceId} audit:billing.plan_changed`, 1],
        [`${s.workspaceId} outbox:billing.plan_changed`, 1],
      ]),
    );
    options.log(
      `  ${options.events} distinct events over ${subscribers.length} workspaces, ${options.concurrency} senders`,
    );
    bursts.push(
      await measureBurst(client, base, secret, {
        name: `${options.events.toLocaleString("en-US")} distinct events over ${subscribers.length} workspaces`,
        events: distinctEvents(subscribers, options.events, created, "burst"),
        subscribers,
        expectedEffects: distinctExpected,
        concurrency: options.concurrency,
      }),
    );

    const failed = paymentFailedEvent(target!, created);
    options.log(`  ${options.events} duplicates of one invoice.payment_failed, ${options.concurrency} senders`);
    bursts.push(
      await measureBurst(client, base, secret, {
        name: `${options.events.toLocaleString("en-US")} duplicates of one invoice.payment_failed`,
        events: Array.from({ length: options.events }, () => failed),
        subscribers: [target!],
        expectedEffects: new Map([
          [`${target!.workspaceId} audit:billing.payment_failed`, 1],
          [`${target!.workspaceId} outbox:billing.payment_failed`, 1],
        ]),
        concurrency: options.concurrency,
      }),
    );
    options.log(`  webhook part done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return { concurrency: options.concurrency, bursts };
  } finally {
    await server?.stop();
    await fake?.stop();
  }
}
