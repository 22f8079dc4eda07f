import type { IncomingMessage } from "node:http";
import { StripeApiError } from "./stripe-error";

/** The Bearer (or Basic, as `curl -u` sends it) key of a request, if any. */
function keyOf(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, value = ""] = header.split(" ", 2);
  if (scheme?.toLowerCase() === "bearer") return value.trim();
  if (scheme?.toLowerCase() === "basic") return Buffer.from(value, "base64").toString("utf8").split(":")[0];
  return undefined;
}

function redacted(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${"*".repeat(12)}${key.slice(-4)}` : "****";
}

/** Refuses a request without the fake's secret key, with Stripe's 401 answers. */
export function checkKey(request: IncomingMessage, secretKey: string): void {
  const key = keyOf(request);
  if (!key) {
    throw new StripeApiError(
      401,
      "invalid_request_error",
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (key !== secretKey) {
    throw new StripeApiError(
      401,
      "invalid_request_error",
      `Invalid API Key provided: ${redacted(key)}`,
      "api_key_invalid",
    );
  }
}

/** A POST body must be form-encoded (Stripe's v1 API reads nothing else). */
export function checkFormBody(request: IncomingMessage, body: string): void {
  const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return;
  if (!type && body.length === 0) return;
  throw new StripeApiError(
    400,
    "invalid_request_error",
    `Invalid request: the body must be application/x-www-form-urlencoded, not ${type || "untyped"}.`,
    "invalid_content_type",
  );
}

export async function readBody(request: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new StripeApiError(400, "invalid_request_error", "Request body too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
