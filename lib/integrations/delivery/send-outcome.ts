/** A request a sender wants made. The transport adds nothing but Content-Length and the User-Agent. */
export interface OutgoingRequest {
  url: string;
  method: "POST" | "PUT" | "PATCH" | "GET";
  headers: Record<string, string>;
  body: string | null;
}

/** What one attempt came to, after the sender judged the answer in its service's own terms. */
export interface SendOutcome {
  /**
   * success: delivered. retryable: try again later (5xx, 429, timeouts, network errors, 3xx).
   * permanent: do not retry this delivery (PagerDuty 400, a payload the service refuses).
   * gone: the destination no longer exists (410, Slack 404/410): pause the integration.
   */
  kind: "success" | "retryable" | "permanent" | "gone";
  httpStatus: number | null;
  latencyMs: number;
  /** Human-readable, never containing a secret (no URL with a token, no header value). */
  error: string | null;
  /** At most 2 KB of the response body. */
  responseExcerpt: string | null;
  /** Seconds the receiver asked to wait (Retry-After), when it did. */
  retryAfterSeconds: number | null;
  /** The receiver's request id, when it sent one (X-Request-Id and the like). */
  requestId: string | null;
  /** For `gone` and `permanent`: what the user should fix ("Create a new incoming webhook in Slack…"). */
  fixHint: string | null;
}
