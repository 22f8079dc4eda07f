/** At most this much of a response is read; the rest is dropped with the connection. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** The excerpt kept of a response body (SendOutcome.responseExcerpt). */
export const EXCERPT_BYTES = 2048;

/**
 * The first `maxBytes` of a UTF-8 body as text, cut at a character boundary (a multi-byte character
 * is never split into a replacement character).
 */
export function utf8Excerpt(body: Buffer, maxBytes: number = EXCERPT_BYTES): string {
  if (body.length <= maxBytes) return body.toString("utf8");
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the character that was cut.
  while (end > 0 && (body[end]! & 0xc0) === 0x80) end -= 1;
  return body.subarray(0, end).toString("utf8");
}
