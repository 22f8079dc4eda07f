/**
 * Server actions are decoded by Next.js itself, which answers 500 to a body
 * over its size limit or nested thousands deep. proxy.ts refuses such requests
 * first with a clear status. Our actions take small inputs (an invitation of 20
 * addresses is well under 4 KB).
 */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 128 * 1024;
/** Deeper than any input of ours; React's reply encoding adds a level or two. */
export const SERVER_ACTION_MAX_DEPTH = 32;

export type GuardVerdict = { status: 411 | 413 | 400; message: string } | null;

export function checkServerActionLength(contentLength: string | null): GuardVerdict {
  if (contentLength === null) return { status: 411, message: "Send a Content-Length with server action requests." };
  if (!/^\d{1,15}$/.test(contentLength)) return { status: 400, message: "Invalid Content-Length." };
  const length = Number(contentLength);
  if (length > SERVER_ACTION_BODY_LIMIT_BYTES) {
    return { status: 413, message: `The request body is larger than ${SERVER_ACTION_BODY_LIMIT_BYTES} bytes.` };
  }
  return null;
}
