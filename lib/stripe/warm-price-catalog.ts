import { logger } from "../logger";
import { priceCatalog } from "./price-catalog";
import { currentStripeSettings } from "./stripe-settings";

/**
 * Loads the price catalog at server start when Stripe is configured, so the first Checkout does not
 * wait for it. Never throws: a missing price or an unreachable Stripe is a warning (the catalog loads
 * again on first use).
 */
export async function warmPriceCatalog(): Promise<void> {
  if (!currentStripeSettings()) return;
  try {
    await priceCatalog();
  } catch (error) {
    logger.warn(
      { error: { message: error instanceof Error ? error.message : String(error) } },
      "Stripe prices not loaded",
    );
  }
}
