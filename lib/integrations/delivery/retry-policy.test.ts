import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETRY_CONFIG,
  MAX_RETRY_DELAY_SECONDS,
  mayRetry,
  retryConfigOf,
  retryDelaySeconds,
} from "./retry-policy";

const config = { max_retries: 5, backoff_seconds: 30 };

describe("retry policy", () => {
  it("doubles from backoff_seconds, with jitter of ±20% at most", () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const base = 30 * 2 ** (attempt - 1);
      for (let i = 0; i < 200; i++) {
        const delay = retryDelaySeconds({ attempts: attempt, config, retryAfterSeconds: null, throttled: false });
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
        expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.2));
      }
      expect(
        retryDelaySeconds({ attempts: attempt, config, retryAfterSeconds: null, throttled: false, random: 0 }),
      ).toBe(Math.round(base * 0.8));
      expect(
        retryDelaySeconds({ attempts: attempt, config, retryAfterSeconds: null, throttled: false, random: 0.999999 }),
      ).toBe(Math.round(base * 1.2));
    }
  });

  it("spreads retries: 1,000 draws are not all alike", () => {
    const draws = new Set(
      Array.from({ length: 1000 }, () =>
        retryDelaySeconds({ attempts: 3, config, retryAfterSeconds: null, throttled: false }),
      ),
    );
    expect(draws.size).toBeGreaterThan(20);
  });

  it("is capped at 10 hours, even after many attempts or a huge Retry-After", () => {
    expect(
      retryDelaySeconds({
        attempts: 40,
        config: { max_retries: 20, backoff_seconds: 3600 },
        retryAfterSeconds: null,
        throttled: false,
        random: 1,
      }),
    ).toBe(MAX_RETRY_DELAY_SECONDS);
    expect(retryDelaySeconds({ attempts: 1, config, retryAfterSeconds: 10 ** 9, throttled: false })).toBe(
      MAX_RETRY_DELAY_SECONDS,
    );
  });

  it("honours Retry-After when it asks for longer than the backoff", () => {
    expect(retryDelaySeconds({ attempts: 1, config, retryAfterSeconds: 120, throttled: false, random: 0.5 })).toBe(120);
    expect(retryDelaySeconds({ attempts: 1, config, retryAfterSeconds: 5, throttled: false, random: 0.5 })).toBe(30);
  });

  it("waits at least 60 s after a 429 or a timeout", () => {
    expect(retryDelaySeconds({ attempts: 1, config, retryAfterSeconds: null, throttled: true, random: 0 })).toBe(60);
    expect(retryDelaySeconds({ attempts: 1, config, retryAfterSeconds: 1, throttled: true, random: 0 })).toBe(60);
  });

  it("allows max_retries retries after the first attempt", () => {
    expect(mayRetry(1, { max_retries: 0, backoff_seconds: 1 })).toBe(false);
    expect(mayRetry(3, { max_retries: 3, backoff_seconds: 1 })).toBe(true);
    expect(mayRetry(4, { max_retries: 3, backoff_seconds: 1 })).toBe(false);
  });

  it("reads the stored retry_config, with defaults for anything malformed", () => {
    expect(retryConfigOf({ max_retries: 7, backoff_seconds: 12 })).toEqual({ max_retries: 7, backoff_seconds: 12 });
    expect(retryConfigOf(null)).toEqual(DEFAULT_RETRY_CONFIG);
    expect(retryConfigOf({ max_retries: -1, backoff_seconds: "x" })).toEqual(DEFAULT_RETRY_CONFIG);
  });
});
