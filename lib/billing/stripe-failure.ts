import Stripe from "stripe";
import { AppError } from "../errors";
import { logger } from "../logger";
import { PaymentsOffError } from "../stripe/stripe-client";

/**
 * Runs a call to Stripe and words its failure for the owner. Stripe's own message is logged, not
 * shown: it can quote part of the secret key.
 */
export async function askStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof PaymentsOffError) throw new AppError("service_unavailable", error.message);
    if (error instanceof Stripe.errors.StripeError) {
      logger.error(
        { stripe: { type: error.type, code: error.code, status: error.statusCode, message: error.message } },
        `stripe: ${what} failed`,
      );
      throw new AppError(
        "service_unavailable",
        `Stripe could not ${what} just now; nothing was changed. Try again in a minute${error.requestId ? ` (Stripe request ${error.requestId})` : ""}.`,
      );
    }
    throw error;
  }
}
