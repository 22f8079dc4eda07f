/**
 * The headers every response carries (proxy.ts sets them; next.config.mjs sets
 * the static ones on files proxy.ts does not see). The CSP allows scripts only
 * with this request's nonce; nothing may frame the app.
 */
export interface SecurityHeaderOptions {
  nonce: string;
  /** `next dev` needs eval and a websocket for hot reload. */
  development: boolean;
  /** APP_URL is https: add HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** Origins a form may post to or be redirected to (GitHub's OAuth page). */
  formTargets?: string[];
}

export function contentSecurityPolicy({ nonce, development, https, formTargets = [] }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React and Radix set inline style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formTargets.map((origin) => ` ${origin}`).join("")}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Headers that do not depend on the request. */
export function staticSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return { "Content-Security-Policy": contentSecurityPolicy(options), ...staticSecurityHeaders(options.https) };
}
