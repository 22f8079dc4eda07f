import { credentialsCipher } from "../crypto/credentials-key";
import type { CredentialsContext } from "../crypto/credentials-cipher";

/**
 * An integration's secrets as one encrypted JSON object in `credentials_encrypted` (AES-256-GCM,
 * bound to the workspace and integration ids: docs/architecture.md, "Credentials").
 */
export function sealSecrets(secrets: object, context: CredentialsContext): string {
  return credentialsCipher().encrypt(JSON.stringify(secrets), context);
}

/** The decrypted secrets; throws CredentialsDecryptError when the value does not belong to this row. */
export function openSecrets<T = Record<string, unknown>>(stored: string | null, context: CredentialsContext): T {
  if (!stored) return {} as T;
  return JSON.parse(credentialsCipher().decrypt(stored, context)) as T;
}
