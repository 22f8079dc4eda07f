/**
 * Seconds to wait from a Retry-After header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date,
 * never negative; null when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  // An HTTP-date always names its day or month; a bare or signed number is not one.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
