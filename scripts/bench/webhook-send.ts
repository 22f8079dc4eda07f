// A burst of webhook deliveries: `concurrency` senders take the next payload until none is left,
// sign it right before sending (Stripe's signatures expire after 300 s) and record the latency and
// the outcome the inbox answered.
import { signStripePayload } from "../../lib/testing/fake-stripe";
import { percentiles, type Percentiles } from "./stats";

export interface BurstAnswers {
  /** The outcome answered for each payload (same order), or null for anything but a 200 with one. */
  outcomes: (string | null)[];
  latency: Percentiles;
  eventsPerSecond: number;
  seconds: number;
  /** The first wrong answer (status and body), to say what went wrong. */
  firstError: string | null;
}

export async function sendBurst(
  base: string,
  webhookSecret: string,
  payloads: string[],
  concurrency: number,
): Promise<BurstAnswers> {
  const outcomes: (string | null)[] = Array.from({ length: payloads.length }, () => null);
  const latencies: number[] = [];
  let firstError: string | null = null;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < payloads.length) {
        const index = next++;
        const payload = payloads[index]!;
        const t0 = performance.now();
        try {
          const response = await fetch(`${base}/api/webhooks/stripe`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
              "stripe-signature": signStripePayload(payload, webhookSecret),
            },
            body: payload,
          });
          const text = await response.text();
          latencies.push(performance.now() - t0);
          const outcome = response.status === 200 ? (JSON.parse(text) as { outcome?: string }).outcome : undefined;
          if (outcome) outcomes[index] = outcome;
          else firstError ??= `${response.status} ${text.slice(0, 300)}`;
        } catch (error) {
          latencies.push(performance.now() - t0);
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { outcomes, latency: percentiles(latencies), eventsPerSecond: payloads.length / seconds, seconds, firstError };
}
