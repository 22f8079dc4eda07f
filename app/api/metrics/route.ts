import { metricsRoute } from "@/lib/metrics/metrics-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/metrics: Prometheus metrics for a scraper holding METRICS_TOKEN (docs/metrics.md). */
export const GET = metricsRoute;
