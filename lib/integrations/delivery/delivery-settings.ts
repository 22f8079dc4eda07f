import { env } from "../../env";

export interface DeliverySettings {
  /** Integrations may reach private, loopback and link-local addresses (development and tests only). */
  allowPrivateNetworks: boolean;
  /** PagerDuty and Datadog go to this origin instead of their own (development and tests only). */
  serviceOrigin: string | undefined;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Checks the settings against NODE_ENV; production refuses both development switches — unless
 * the server is itself only on loopback (APP_URL http://localhost:…: the browser tests' production
 * build), where nothing outside the machine can reach it.
 */
export function deliverySettingsFrom(settings: {
  nodeEnv: string;
  appUrl: string;
  allowPrivateNetworks: string;
  serviceOrigin: string | undefined;
}): DeliverySettings {
  const allowPrivateNetworks = settings.allowPrivateNetworks === "true";
  const production = settings.nodeEnv === "production" && !LOOPBACK_HOSTS.has(new URL(settings.appUrl).hostname);
  if (production && allowPrivateNetworks) {
    throw new Error(
      "INTEGRATIONS_ALLOW_PRIVATE_NETWORKS=true is for development and tests; production refuses it " +
        "(integrations may only reach public addresses there). Unset it.",
    );
  }
  if (production && settings.serviceOrigin) {
    throw new Error("INTEGRATIONS_SERVICE_ORIGIN is for development and tests; production refuses it. Unset it.");
  }
  return { allowPrivateNetworks, serviceOrigin: settings.serviceOrigin };
}

let cached: DeliverySettings | undefined;

/** The app's delivery settings, from the environment (checked once). */
export function deliverySettings(): DeliverySettings {
  cached ??= deliverySettingsFrom({
    nodeEnv: env.NODE_ENV,
    appUrl: env.APP_URL,
    allowPrivateNetworks: env.INTEGRATIONS_ALLOW_PRIVATE_NETWORKS,
    serviceOrigin: env.INTEGRATIONS_SERVICE_ORIGIN,
  });
  return cached;
}
