/** Below this, compressing costs more than it saves (the `compression` middleware's own default threshold). */
const COMPRESS_FROM_BYTES = 1024;

/**
 * A JSON answer that is never cached. Small ones also say `no-transform`, which keeps `next start`'s
 * gzip off them: a route's body is streamed, so the compressor cannot see that it is tiny and would
 * spend more CPU on a 200-byte answer than the whole handler (docs/benchmarks.md, "Usage ingestion").
 */
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  const text = JSON.stringify(body);
  const small = Buffer.byteLength(text) < COMPRESS_FROM_BYTES;
  return new Response(text, {
    status: init.status ?? 200,
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": small ? "no-store, no-transform" : "no-store",
      ...init.headers,
    },
  });
}
