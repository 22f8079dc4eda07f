import { percentiles, type Percentiles } from "./stats";

export interface LoadResult {
  latency: Percentiles;
  requestsPerSecond: number;
  /** Requests sent (warm-up not included). */
  requests: number;
  errors: number;
}

/** One request of a benchmark target, and what a correct answer looks like. */
export interface Probe {
  request: () => Promise<Response>;
  /** Text every correct body contains (a name from the data, so an error or sign-in page cannot pass). */
  marker: string;
}

/** Status 200 and the marker in the body; reads the body either way. */
export async function answeredCorrectly(probe: Probe, response: Response): Promise<boolean> {
  const body = Buffer.from(await response.arrayBuffer());
  return response.status === 200 && body.includes(probe.marker);
}

/** Requests one after another, answers unchecked: connections, caches and the JIT warm up. */
export async function warmUp(probe: Probe, requests: number): Promise<void> {
  for (let i = 0; i < requests; i++) await (await probe.request()).arrayBuffer();
}

/**
 * A small closed-loop load generator: `concurrency` clients send requests back
 * to back over keep-alive connections, for `seconds` or until `requests` were
 * sent, recording each request's latency. An answer that is not a 200 with the
 * probe's marker counts as an error.
 */
export async function runLoad(
  probe: Probe,
  options: { concurrency: number; seconds?: number; requests?: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const end = options.seconds === undefined ? Infinity : performance.now() + options.seconds * 1000;
  const limit = options.requests ?? Infinity;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < end && sent < limit) {
        sent++;
        const t0 = performance.now();
        const ok = await probe.request().then(
          (response) => answeredCorrectly(probe, response),
          () => false,
        );
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    latency: percentiles(latencies),
    requestsPerSecond: latencies.length / elapsed,
    requests: latencies.length,
    errors,
  };
}
