const BY_CODE: Record<string, (host: string) => string> = {
  ENOTFOUND: (host) => `Could not resolve host ${host}`,
  EAI_AGAIN: (host) => `Could not resolve host ${host} (DNS did not answer)`,
  ECONNREFUSED: (host) => `${host} refused the connection`,
  ECONNRESET: (host) => `${host} closed the connection before answering`,
  EPIPE: (host) => `${host} closed the connection before answering`,
  ETIMEDOUT: (host) => `Could not connect to ${host} (timed out)`,
  EHOSTUNREACH: (host) => `${host} is unreachable`,
  ENETUNREACH: (host) => `${host} is unreachable`,
  ERR_INVALID_CHAR: () => "The request has a header with characters HTTP does not allow",
  ERR_INVALID_HTTP_TOKEN: () => "The request has a header name HTTP does not allow",
  ERR_HTTP_INVALID_HEADER_VALUE: () => "The request has a header value HTTP does not allow",
};

/** The error's code, or that of the first attempt when happy eyeballs failed on every address. */
export function networkErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  const first = (error as { errors?: unknown[] }).errors?.[0];
  return first ? networkErrorCode(first) : undefined;
}

/**
 * A sentence for a failed connection that names the host only: Node's own messages may quote the
 * request, and a Slack or custom URL carries its token in the path.
 */
export function networkErrorMessage(error: unknown, host: string): string {
  const code = networkErrorCode(error);
  if (code && BY_CODE[code]) return BY_CODE[code](host);
  if (code && /CERT|SSL|TLS|SELF_SIGNED/.test(code)) return `TLS error with ${host} (${code})`;
  return `Could not reach ${host}${code ? ` (${code})` : ""}`;
}
