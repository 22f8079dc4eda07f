import { env } from "../../env";

export interface DeliverySettings {
  /** Integrations may reach private, loopback and link-local addresses (development and tests only). */
  allowPrivateNetworks: boolean;
  /** PagerDuty and Datadog go to this origin instead of their own (development and tests only). */
  serviceOrigin: string | undefined;
}

/** Checks the settings against NODE_ENV; production refuses both development switches. */
export function deliverySettingsFrom(settings: {
  nodeEnv: string;
  allowPrivateNetworks: string;
  serviceOrigin: string | undefined;
}): DeliverySettings {
  const allowPrivateNetworks = settings.allowPrivateNetworks === "true";
  if (settings.nodeEnv === "production" && allowPrivateNetworks) {
    throw new Error(
      "INTEGRATIONS_ALLOW_PRIVATE_NETWORKS=true is for development and tests; production refuses it " +
        "(integrations may only reach public addresses there). Unset it.",
    );
  }
  if (settings.nodeEnv === "production" && settings.serviceOrigin) {
    throw new Error("INTEGRATIONS_SERVICE_ORIGIN is for development and tests; production refuses it. Unset it.");
  }
  return { allowPrivateNetworks, serviceOrigin: settings.serviceOrigin };
}

let cached: DeliverySettings | undefined;

/** The app's delivery settings, from the environment (checked once). */
export function deliverySettings(): DeliverySettings {
  cached ??= deliverySettingsFrom({
    nodeEnv: env.NODE_ENV,
    allowPrivateNetworks: env.INTEGRATIONS_ALLOW_PRIVATE_NETWORKS,
    serviceOrigin: env.INTEGRATIONS_SERVICE_ORIGIN,
  });
  return cached;
}
