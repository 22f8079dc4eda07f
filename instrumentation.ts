/**
 * Runs once when a server starts (not during `next build`): production refuses
 * to start with a missing or development-only setting, and says which; the Stripe
 * price catalog is loaded when payments are configured.
 */
export async function register() {
  // Next.js replaces this at build time; the check is for the Node.js server only.
  // eslint-disable-next-line no-restricted-properties -- NEXT_RUNTIME is set by Next.js, not configuration
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseToStartWithoutProductionConfig } = await import("./lib/config/production-config");
  refuseToStartWithoutProductionConfig();
  // Refuses INTEGRATIONS_ALLOW_PRIVATE_NETWORKS / INTEGRATIONS_SERVICE_ORIGIN in production, with why.
  const { deliverySettings } = await import("./lib/integrations/delivery/delivery-settings");
  deliverySettings();
  // Not awaited: a slow or unreachable Stripe must not hold up the start (it only logs a warning).
  const { warmPriceCatalog } = await import("./lib/stripe/warm-price-catalog");
  void warmPriceCatalog();
}
