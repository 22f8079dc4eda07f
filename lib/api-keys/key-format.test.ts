import { describe, expect, it } from "vitest";
import {
  API_KEY_LENGTH,
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
  KEY_PREFIX,
  prefixOf,
  sameKeyHash,
} from "./key-format";

describe("API key format", () => {
  it("is obs_live_ + 43 base62 characters of randomness + a 6-character checksum", () => {
    const key = generateApiKey();
    expect(key.secret).toMatch(/^obs_live_[0-9A-Za-z]{49}$/);
    expect(key.secret).toHaveLength(API_KEY_LENGTH);
    expect(key.prefix).toBe(key.secret.slice(0, KEY_PREFIX.length + 4));
    expect(prefixOf(key.secret)).toBe(key.prefix);
    expect(key.hash).toBe(hashApiKey(key.secret));
    expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.hash).not.toContain(key.secret.slice(KEY_PREFIX.length));
  });

  it("never repeats (32 random bytes)", () => {
    const secrets = new Set(Array.from({ length: 2000 }, () => generateApiKey().secret));
    expect(secrets.size).toBe(2000);
  });

  it("accepts its own keys and rejects a typo by the checksum", () => {
    for (let i = 0; i < 200; i++) {
      const { secret } = generateApiKey();
      expect(isWellFormedApiKey(secret)).toBe(true);
      const at = KEY_PREFIX.length + (i % 49);
      const typo = secret.slice(0, at) + (secret[at] === "a" ? "b" : "a") + secret.slice(at + 1);
      expect(isWellFormedApiKey(typo), typo).toBe(false);
    }
  });

  it("rejects wrong prefixes, lengths and alphabets", () => {
    const { secret } = generateApiKey();
    expect(isWellFormedApiKey(secret.replace("obs_live_", "obs_test_"))).toBe(false);
    expect(isWellFormedApiKey(secret.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(`${secret}0`)).toBe(false);
    expect(isWellFormedApiKey(secret.slice(0, -7) + "-" + secret.slice(-6))).toBe(false);
    expect(isWellFormedApiKey("")).toBe(false);
    expect(isWellFormedApiKey(`obs_live_${"0".repeat(49)}`)).toBe(false);
  });

  it("compares hashes in constant time, and only whole SHA-256 digests", () => {
    const { hash } = generateApiKey();
    expect(sameKeyHash(hash, hash)).toBe(true);
    expect(sameKeyHash(hash, generateApiKey().hash)).toBe(false);
    expect(sameKeyHash(hash, hash.slice(0, 62))).toBe(false);
    expect(sameKeyHash("", "")).toBe(false);
  });
});
