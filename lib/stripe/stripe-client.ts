import Stripe from "stripe";
import { currentStripeSettings, paymentsOffMessage, type StripeSettings } from "./stripe-settings";

/** Raised where payments are needed but STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET are unset. */
export class PaymentsOffError extends Error {
  constructor() {
    super(paymentsOffMessage());
    this.name = "PaymentsOffError";
  }
}

/** The SDK pointed at Stripe, or at STRIPE_API_BASE (a local Stripe-compatible server in tests). */
export function createStripeClient(secretKey: string, apiBase?: URL): Stripe {
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: "settings-platform" },
    ...(apiBase
      ? {
          host: apiBase.hostname,
          port: apiBase.port || (apiBase.protocol === "https:" ? 443 : 80),
          protocol: apiBase.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
}

let cached: { settings: StripeSettings; client: Stripe } | undefined;

/** The app's Stripe client; throws PaymentsOffError while payments are off. */
export function getStripe(): Stripe {
  const settings = currentStripeSettings();
  if (!settings) throw new PaymentsOffError();
  if (!cached) cached = { settings, client: createStripeClient(settings.secretKey, settings.apiBase) };
  return cached.client;
}
