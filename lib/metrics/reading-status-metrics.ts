import { Gauge } from "prom-client";
import { readDeliveries } from "./delivery-metrics";
import { readJobQueues } from "./job-queue-metrics";
import { sharedMetric } from "./registry";

const readings = { job_queues: readJobQueues, deliveries: readDeliveries };

sharedMetric(
  "settings_metrics_reading_up",
  (registers) =>
    new Gauge({
      name: "settings_metrics_reading_up",
      help: "1 when this scrape's database reading (job_queues, deliveries) answered in time; 0 when it failed and its gauges are missing.",
      labelNames: ["reading"] as const,
      registers,
      async collect() {
        const answers = await Promise.all(
          Object.entries(readings).map(async ([reading, read]) => [reading, await read()] as const),
        );
        for (const [reading, answer] of answers) this.set({ reading }, answer === null ? 0 : 1);
      },
    }),
);
