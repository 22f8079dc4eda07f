import { env } from "../env";
import { AppError } from "../errors";
import { countRateLimitRefusal } from "../metrics/rate-limit-metrics";
import { isRateLimiterRefusal, rateLimiter } from "./rate-limiter";
import type { RateLimitState } from "./rate-limit-headers";

const WINDOW_SECONDS = 60;

/**
 * Takes one request from the API key's per-minute budget (shared by every app instance), or refuses
 * with 429. Keyed by the key's hash, so it runs before the key is looked up: a flood of requests with
 * one key is stopped before it reaches the workspace's data.
 */
export async function consumeKeyRequest(keyHash: string): Promise<RateLimitState> {
  const limit = env.API_KEY_REQUESTS_PER_MINUTE;
  try {
    const result = await rateLimiter("api_key", limit, WINDOW_SECONDS).consume(keyHash, 1);
    return { limit, remaining: result.remainingPoints, resetSeconds: Math.ceil(result.msBeforeNext / 1000) };
  } catch (error) {
    if (!isRateLimiterRefusal(error)) throw error;
    countRateLimitRefusal("api_key");
    const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError(
      "rate_limited",
      `This API key made more than ${limit} requests in a minute. Try again in ${retryAfterSeconds} s.`,
      { retryAfterSeconds, rateLimit: { limit, remaining: 0, resetSeconds: retryAfterSeconds } },
    );
  }
}
