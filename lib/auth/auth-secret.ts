import { env } from "../env";

/** Development-only secret, public on purpose; refused in production. */
export const DEVELOPMENT_AUTH_SECRET = "development-only-auth-secret-change-me";

export function authSecretFrom(settings: { nodeEnv: string; secret: string | undefined }): string {
  if (settings.nodeEnv === "production" && (!settings.secret || settings.secret === DEVELOPMENT_AUTH_SECRET)) {
    throw new Error("AUTH_SECRET must be set in production (`openssl rand -base64 32`).");
  }
  return settings.secret ?? DEVELOPMENT_AUTH_SECRET;
}

export function authSecret(): string {
  return authSecretFrom({ nodeEnv: env.NODE_ENV, secret: env.AUTH_SECRET });
}
