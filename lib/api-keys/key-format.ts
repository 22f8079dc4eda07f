import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";

/**
 * The API key format (docs/decisions/008-api-keys-and-scopes.md):
 * `obs_live_` + 32 random bytes in base62 (43 characters) + a CRC32 checksum in base62 (6 characters).
 * The fixed prefix lets secret scanners recognise a leaked key; the checksum rejects a mistyped or
 * made-up key before any database work. Only the key's SHA-256 is stored.
 */
export const KEY_PREFIX = "obs_live_";
const BODY_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
export const API_KEY_LENGTH = KEY_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;
const SHAPE = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`);
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(value: bigint, length: number): string {
  let out = "";
  let rest = value;
  while (rest > 0n) {
    out = ALPHABET[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  return out.padStart(length, "0");
}

const checksumOf = (text: string) => base62(BigInt(crc32(text)), CHECKSUM_LENGTH);

export interface NewApiKey {
  /** The whole key: shown once, never stored. */
  secret: string;
  /** `obs_live_` and the first four characters of the random part: what lists show. */
  prefix: string;
  /** SHA-256 (hex) of the key: what is stored and looked up. */
  hash: string;
}

export function generateApiKey(): NewApiKey {
  const body = base62(BigInt(`0x${randomBytes(32).toString("hex")}`), BODY_LENGTH);
  const secret = `${KEY_PREFIX}${body}${checksumOf(KEY_PREFIX + body)}`;
  return { secret, prefix: prefixOf(secret), hash: hashApiKey(secret) };
}

export const prefixOf = (secret: string) => secret.slice(0, KEY_PREFIX.length + 4);

export const hashApiKey = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** True for a key of the right shape whose checksum matches: checked before any database work. */
export function isWellFormedApiKey(candidate: string): boolean {
  if (candidate.length !== API_KEY_LENGTH || !SHAPE.test(candidate)) return false;
  const body = candidate.slice(0, -CHECKSUM_LENGTH);
  return checksumOf(body) === candidate.slice(-CHECKSUM_LENGTH);
}

/** Constant-time equality of two hex SHA-256 digests (the stored hash and the presented key's). */
export function sameKeyHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right);
}
