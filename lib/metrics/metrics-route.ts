import { env } from "../env";
import { bearerMatches } from "./metrics-token";
import { scrapeMetrics } from "./scrape";

/**
 * GET /api/metrics (docs/metrics.md): Prometheus's text format for a scraper that sends
 * `Authorization: Bearer $METRICS_TOKEN`. Without METRICS_TOKEN there are no metrics: 404, as for
 * any path without a route; a missing or wrong token is 401.
 */
export async function metricsRoute(request: Request): Promise<Response> {
  const token = env.METRICS_TOKEN;
  if (!token) return new Response(null, { status: 404 });
  if (!bearerMatches(request, token)) {
    return new Response(null, {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" },
    });
  }
  const { contentType, body } = await scrapeMetrics();
  return new Response(body, { status: 200, headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
