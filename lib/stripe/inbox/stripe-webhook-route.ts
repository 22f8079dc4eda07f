import { jsonResponse } from "../../api/json-response";
import { errorResponse } from "../../access/define-route";
import { contextFromRequest } from "../../access/request-context";
import { receiveStripeWebhook } from "./receive-stripe-webhook";

/**
 * The route handler: the raw body (the signature covers its exact bytes; at most 1 MiB), 200 with what happened
 * (`applied`, `duplicate`, `stale`, `unhandled`, `no_workspace`), 400 for a bad signature or mode,
 * 503 while payments are off, 500 when applying failed (nothing applied; Stripe retries).
 */
export async function stripeWebhookRoute(request: Request): Promise<Response> {
  const context = contextFromRequest(request);
  try {
    const processed = await receiveStripeWebhook(request);
    return jsonResponse({ received: true, outcome: processed.outcome });
  } catch (error) {
    return errorResponse(request, context, error);
  }
}
