import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createCredentialsCipher,
  CredentialsDecryptError,
  keyIdOf,
  needsReencryption,
  parseKey,
} from "./credentials-cipher";
import { cipherFromSettings, DEVELOPMENT_CREDENTIALS_KEY } from "./credentials-key";

const context = {
  workspaceId: "00000000-0000-0000-0000-000000000001",
  integrationId: "20000000-0000-4000-8000-000000000001",
};
const secret = JSON.stringify({ webhook_url: "https://hooks.slack.com/services/T/B/secret-token" });

function flip(part: string): string {
  const bytes = Buffer.from(part, "base64url");
  bytes[0]! ^= 0x01;
  return bytes.toString("base64url");
}

describe("credentials cipher (AES-256-GCM)", () => {
  const cipher = createCredentialsCipher(randomBytes(32));

  it("round-trips", () => {
    expect(cipher.decrypt(cipher.encrypt(secret, context), context)).toBe(secret);
    expect(cipher.decrypt(cipher.encrypt("", context), context)).toBe("");
    expect(cipher.decrypt(cipher.encrypt("ünïcødé 🔑", context), context)).toBe("ünïcødé 🔑");
  });

  it("never contains the plaintext and names its key and version", () => {
    const stored = cipher.encrypt(secret, context);
    expect(stored).not.toContain("secret-token");
    const [version, keyId, iv] = stored.split(".");
    expect(version).toBe("v1");
    expect(keyId).toBe(cipher.keyId);
    expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
  });

  it("uses a fresh IV on every call", () => {
    const values = Array.from({ length: 50 }, () => cipher.encrypt(secret, context));
    const ivs = new Set(values.map((v) => v.split(".")[2]));
    expect(ivs.size).toBe(50);
    expect(new Set(values).size).toBe(50);
  });

  it.each([
    ["ciphertext", 3],
    ["tag", 4],
    ["iv", 2],
  ])("rejects a tampered %s", (_name, index) => {
    const parts = cipher.encrypt(secret, context).split(".");
    parts[index] = flip(parts[index]!);
    expect(() => cipher.decrypt(parts.join("."), context)).toThrow(CredentialsDecryptError);
  });

  it("rejects a value moved to another row (the ids are authenticated data)", () => {
    const stored = cipher.encrypt(secret, context);
    expect(() => cipher.decrypt(stored, { ...context, integrationId: "20000000-0000-4000-8000-000000000002" })).toThrow(
      CredentialsDecryptError,
    );
    expect(() => cipher.decrypt(stored, { ...context, workspaceId: "00000000-0000-0000-0000-000000000002" })).toThrow(
      CredentialsDecryptError,
    );
  });

  it("rejects another key's ciphertext, malformed input and unknown versions", () => {
    const other = createCredentialsCipher(randomBytes(32));
    expect(() => cipher.decrypt(other.encrypt(secret, context), context)).toThrow(/No key with id/);
    expect(() => cipher.decrypt("not-encrypted", context)).toThrow(CredentialsDecryptError);
    expect(() => cipher.decrypt(cipher.encrypt(secret, context).replace(/^v1/, "v9"), context)).toThrow(
      CredentialsDecryptError,
    );
  });

  it("decrypts values of a previous key after rotation and says they need re-encryption", () => {
    const oldKey = randomBytes(32);
    const before = createCredentialsCipher(oldKey).encrypt(secret, context);
    const rotated = createCredentialsCipher(randomBytes(32), [oldKey]);
    expect(rotated.decrypt(before, context)).toBe(secret);
    expect(needsReencryption(before, rotated)).toBe(true);
    expect(needsReencryption(rotated.encrypt(secret, context), rotated)).toBe(false);
  });

  it("accepts only 32-byte keys", () => {
    expect(() => parseKey(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => createCredentialsCipher(randomBytes(31))).toThrow(/32 bytes/);
    expect(keyIdOf(parseKey(DEVELOPMENT_CREDENTIALS_KEY))).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe("key selection", () => {
  const ownKey = randomBytes(32).toString("base64");

  it("uses the development key outside production", () => {
    const cipher = cipherFromSettings({ nodeEnv: "development", key: undefined, previousKeys: undefined });
    expect(cipher.keyId).toBe(keyIdOf(parseKey(DEVELOPMENT_CREDENTIALS_KEY)));
  });

  it("refuses to run in production without a key of its own", () => {
    expect(() => cipherFromSettings({ nodeEnv: "production", key: undefined, previousKeys: undefined })).toThrow(
      /INTEGRATION_CREDENTIALS_KEY must be set/,
    );
    expect(() =>
      cipherFromSettings({ nodeEnv: "production", key: DEVELOPMENT_CREDENTIALS_KEY, previousKeys: undefined }),
    ).toThrow(/development key is refused/);
  });

  it("uses the configured key in production, with previous keys for decryption", () => {
    const old = randomBytes(32);
    const stored = createCredentialsCipher(old).encrypt(secret, context);
    const cipher = cipherFromSettings({
      nodeEnv: "production",
      key: ownKey,
      previousKeys: ` ${old.toString("base64")} ,`,
    });
    expect(cipher.keyId).toBe(keyIdOf(parseKey(ownKey)));
    expect(cipher.decrypt(stored, context)).toBe(secret);
  });

  it("error messages never contain key material", () => {
    const secretLooking = "c2hvcnQtYnV0LXNlY3JldA==";
    let message = "";
    try {
      cipherFromSettings({ nodeEnv: "production", key: secretLooking, previousKeys: undefined });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/32 bytes/);
    expect(message).not.toContain(secretLooking);
  });
});
