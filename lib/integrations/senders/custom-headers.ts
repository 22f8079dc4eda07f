/** RFC 9110 field names: a token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Set by the transport or meaningless to override: a custom header may not name them. */
const RESERVED = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "expect",
  "proxy-authorization",
  "proxy-connection",
]);

/** Null when a custom header may be sent; otherwise why not (names the header, never its value). */
export function checkCustomHeader(name: string, value: string): string | null {
  if (!TOKEN.test(name)) return `"${name}" is not a valid header name (use letters, digits and -)`;
  if (RESERVED.has(name.toLowerCase())) return `The ${name} header is set automatically and cannot be overridden`;
  // eslint-disable-next-line no-control-regex -- CR, LF and NUL would split or end the header
  if (/[\r\n\u0000]/.test(value)) return `The value of ${name} contains a line break`;
  return null;
}
