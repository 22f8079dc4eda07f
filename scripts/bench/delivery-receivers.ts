// Lean loopback receivers for the delivery benchmark (docs/benchmarks.md, "Integration delivery"):
// each answers 200 with an empty body the moment a request's body is in, and records only the
// `webhook-id`, the raw body (parsed after the run, not on the clock) and the arrival time. Far
// lighter than lib/testing/http-receiver.ts (no scripts, no waiters), so they are never the bottleneck.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Arrival {
  /** The Standard Webhooks `webhook-id` header: the delivery id. */
  webhookId: string;
  body: string;
  /** performance.now() of this process when the body was in. */
  at: number;
}

export interface DeliveryReceiver {
  url: string;
  arrivals: Arrival[];
  stop: () => Promise<void>;
}

export async function startDeliveryReceiver(): Promise<DeliveryReceiver> {
  const arrivals: Arrival[] = [];
  // Idle connections stay open longer than any run: a receiver closing one just as the worker reuses
  // it costs a retry (docs/benchmarks.md, "Integration delivery"), which is not what is measured here.
  const server = createServer({ keepAliveTimeout: 600_000 }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const at = performance.now();
      response.writeHead(200, { "content-length": "0" });
      response.end();
      const id = request.headers["webhook-id"];
      arrivals.push({ webhookId: typeof id === "string" ? id : "", body: Buffer.concat(chunks).toString("utf8"), at });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // A port the system chooses: never one of the app's or another bench part's.
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    arrivals,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
