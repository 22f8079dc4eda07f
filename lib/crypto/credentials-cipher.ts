import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for integration credentials.
 *
 * Stored form: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). A fresh
 * 12-byte IV per encryption; the row's workspace and integration ids are bound
 * as additional authenticated data, so a value copied to another row does not
 * decrypt; the key id names the key so keys can rotate.
 */

const VERSION = "v1";
const IV_BYTES = 12;
const KEY_BYTES = 32;

export class CredentialsDecryptError extends Error {
  constructor(message = "Stored credentials could not be decrypted") {
    super(message);
  }
}

/** What the ciphertext is bound to. */
export interface CredentialsContext {
  workspaceId: string;
  integrationId: string;
}

export interface CredentialsCipher {
  /** Id of the key new values are encrypted with. */
  readonly keyId: string;
  encrypt(plaintext: string, context: CredentialsContext): string;
  decrypt(stored: string, context: CredentialsContext): string;
}

/** Decodes a base64 key and checks it is 32 bytes. */
export function parseKey(base64: string): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== KEY_BYTES) {
    throw new Error(`An encryption key must be ${KEY_BYTES} bytes, base64-encoded (got ${key.length} bytes)`);
  }
  return key;
}

/** A short, non-secret id for a key: the first 8 hex digits of its SHA-256. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function aadOf(context: CredentialsContext): Buffer {
  return Buffer.from(`${context.workspaceId}:${context.integrationId}`, "utf8");
}

/** A cipher that encrypts with `currentKey` and decrypts with it or any of `previousKeys`. */
export function createCredentialsCipher(currentKey: Buffer, previousKeys: Buffer[] = []): CredentialsCipher {
  const keys = new Map<string, Buffer>();
  for (const key of [currentKey, ...previousKeys]) {
    if (key.length !== KEY_BYTES) throw new Error(`An encryption key must be ${KEY_BYTES} bytes`);
    keys.set(keyIdOf(key), key);
  }
  const keyId = keyIdOf(currentKey);

  return {
    keyId,
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", currentKey, iv);
      cipher.setAAD(aadOf(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        VERSION,
        keyId,
        iv.toString("base64url"),
        ciphertext.toString("base64url"),
        tag.toString("base64url"),
      ].join(".");
    },
    decrypt(stored, context) {
      const parts = stored.split(".");
      if (parts.length !== 5 || parts[0] !== VERSION) throw new CredentialsDecryptError("Unknown credentials format");
      const [, storedKeyId, ivPart, dataPart, tagPart] = parts as [string, string, string, string, string];
      const key = keys.get(storedKeyId);
      if (!key) throw new CredentialsDecryptError(`No key with id ${storedKeyId} is configured`);
      const iv = Buffer.from(ivPart, "base64url");
      const tag = Buffer.from(tagPart, "base64url");
      if (iv.length !== IV_BYTES || tag.length !== 16) throw new CredentialsDecryptError("Malformed credentials");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
        decipher.setAAD(aadOf(context));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(dataPart, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        throw new CredentialsDecryptError();
      }
    },
  };
}

/** Whether a stored value was encrypted with another key than `cipher`'s current one (re-encrypt it). */
export function needsReencryption(stored: string, cipher: CredentialsCipher): boolean {
  return stored.split(".")[1] !== cipher.keyId;
}
