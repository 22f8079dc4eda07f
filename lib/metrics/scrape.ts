// Every metric module, so a scrape shows each metric even before anything counted (docs/metrics.md).
import "./action-metrics";
import "./delivery-metrics";
import "./http-metrics";
import "./job-queue-metrics";
import "./pool-metrics";
import "./rate-limit-metrics";
import "./reading-status-metrics";
import "./stripe-metrics";
import { metricsRegistry } from "./registry";

/** The process's metrics in Prometheus's text format, with its content type. */
export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  const registry = metricsRegistry();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
