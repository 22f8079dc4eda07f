/**
 * When a failed delivery is tried again (docs/decisions/013-integration-delivery.md): exponential
 * backoff from the integration's `backoff_seconds` with ±20% jitter, capped at 10 hours; the
 * receiver's Retry-After is honoured, and after a 429 or a timeout the wait is at least 60 s.
 */

export const MAX_RETRY_DELAY_SECONDS = 10 * 60 * 60;
export const MIN_DELAY_AFTER_THROTTLE_SECONDS = 60;
export const JITTER = 0.2;

export interface RetryConfig {
  max_retries: number;
  backoff_seconds: number;
}

export const DEFAULT_RETRY_CONFIG: RetryConfig = { max_retries: 3, backoff_seconds: 30 };

/** The stored retry_config, with defaults for anything missing or malformed. */
export function retryConfigOf(stored: unknown): RetryConfig {
  const value = (stored ?? {}) as Partial<RetryConfig>;
  const int = (n: unknown, fallback: number, min: number, max: number) =>
    typeof n === "number" && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
  return {
    max_retries: int(value.max_retries, DEFAULT_RETRY_CONFIG.max_retries, 0, 20),
    backoff_seconds: int(value.backoff_seconds, DEFAULT_RETRY_CONFIG.backoff_seconds, 1, 3600),
  };
}

/** Whether a delivery that has now failed `attempts` times may be tried again. */
export function mayRetry(attempts: number, config: RetryConfig): boolean {
  return attempts <= config.max_retries;
}

/**
 * Seconds to wait before the next attempt after the `attempts`-th failed one (1-based).
 * `random` is in [0, 1): 0 gives −20%, 1 gives +20%.
 */
export function retryDelaySeconds(args: {
  attempts: number;
  config: RetryConfig;
  retryAfterSeconds: number | null;
  /** A 429 or a timeout: wait at least a minute. */
  throttled: boolean;
  random?: number;
}): number {
  const random = args.random ?? Math.random();
  const exponent = Math.min(Math.max(args.attempts - 1, 0), 30);
  const base = Math.min(args.config.backoff_seconds * 2 ** exponent, MAX_RETRY_DELAY_SECONDS);
  const jittered = base * (1 - JITTER + 2 * JITTER * random);
  let delay = Math.min(jittered, MAX_RETRY_DELAY_SECONDS);
  if (args.retryAfterSeconds !== null)
    delay = Math.max(delay, Math.min(args.retryAfterSeconds, MAX_RETRY_DELAY_SECONDS));
  if (args.throttled) delay = Math.max(delay, MIN_DELAY_AFTER_THROTTLE_SECONDS);
  return Math.round(delay);
}
