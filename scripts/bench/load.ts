import { percentiles, type Percentiles } from "./stats";

export interface LoadResult {
  latency: Percentiles;
  requestsPerSecond: number;
  errors: number;
}

/**
 * A small closed-loop load generator: `concurrency` clients send requests back
 * to back for `seconds` (after a short warm-up) over keep-alive connections,
 * recording each request's latency. A non-2xx answer counts as an error.
 */
export async function runLoad(
  request: () => Promise<Response>,
  options: { concurrency: number; seconds: number; warmupRequests?: number },
): Promise<LoadResult> {
  for (let i = 0; i < (options.warmupRequests ?? 20); i++) await (await request()).arrayBuffer();
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const response = await request();
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!response.ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { latency: percentiles(latencies), requestsPerSecond: latencies.length / elapsed, errors };
}
