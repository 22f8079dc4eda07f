import { env } from "../env";
import { createCredentialsCipher, parseKey, type CredentialsCipher } from "./credentials-cipher";

/**
 * Development-only key, public on purpose so a fresh clone works without
 * setup. The app refuses it in production.
 */
export const DEVELOPMENT_CREDENTIALS_KEY = "ZGV2ZWxvcG1lbnQtb25seS1rZXktZG8tbm90LXVzZSE=";

/** Picks the key from the given settings; throws a clear error when production has none of its own. */
export function cipherFromSettings(settings: {
  nodeEnv: string;
  key: string | undefined;
  previousKeys: string | undefined;
}): CredentialsCipher {
  const production = settings.nodeEnv === "production";
  if (production && (!settings.key || settings.key.trim() === DEVELOPMENT_CREDENTIALS_KEY)) {
    throw new Error(
      "INTEGRATION_CREDENTIALS_KEY must be set to your own key in production " +
        "(32 random bytes, base64: `openssl rand -base64 32`); the development key is refused.",
    );
  }
  const current = parseKey(settings.key ?? DEVELOPMENT_CREDENTIALS_KEY);
  const previous = (settings.previousKeys ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean)
    .map(parseKey);
  return createCredentialsCipher(current, previous);
}

let cached: CredentialsCipher | undefined;

/** The app's credentials cipher, keyed from the environment. */
export function credentialsCipher(): CredentialsCipher {
  cached ??= cipherFromSettings({
    nodeEnv: env.NODE_ENV,
    key: env.INTEGRATION_CREDENTIALS_KEY,
    previousKeys: env.INTEGRATION_CREDENTIALS_PREVIOUS_KEYS,
  });
  return cached;
}
