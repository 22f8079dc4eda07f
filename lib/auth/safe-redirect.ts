import { env } from "../env";

/**
 * THE rule for every redirect target that comes from a request (sign-in's
 * `callbackUrl`, Auth.js's redirect callback): only a path on our own origin.
 * The value is parsed against APP_URL and its origin compared, after refusing
 * control characters and backslashes, which browsers strip or rewrite
 * (`/\t/evil.example` becomes `//evil.example`). Anything else becomes "/".
 */
export function safeRedirectPath(value: unknown, appUrl: string = env.APP_URL): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return "/";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(value) || !value.isWellFormed()) return "/";
  if (!value.startsWith("/") || value.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(value, appUrl);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(appUrl).origin) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The same rule for Auth.js's absolute URLs: our origin stays, anything else goes home. */
export function safeRedirectUrl(value: string, appUrl: string = env.APP_URL): string {
  const origin = new URL(appUrl).origin;
  const path = value.startsWith(origin) ? value.slice(origin.length) || "/" : value;
  return `${origin}${safeRedirectPath(path, appUrl)}`;
}
