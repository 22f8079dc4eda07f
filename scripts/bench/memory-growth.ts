import { runLoad, type Probe } from "./load";
import { residentMemory } from "./proc-stats";

export interface MemoryGrowth {
  /** Requests after which the first reading was taken; the second is after twice as many. */
  half: number;
  rssAtHalf: number;
  rssAtFull: number;
  /** Within 5% or 10 MB of the first reading. */
  noGrowth: boolean;
  errors: number;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 3000));

/**
 * The server's resident memory after `requests / 2` and after `requests`
 * requests of one probe at `concurrency` clients, each read after a pause so
 * in-flight work and its garbage can settle.
 */
export async function measureMemoryGrowth(
  pid: number,
  probe: Probe,
  options: { requests: number; concurrency: number },
): Promise<MemoryGrowth> {
  const half = Math.round(options.requests / 2);
  const readings: number[] = [];
  let errors = 0;
  for (let i = 0; i < 2; i++) {
    errors += (await runLoad(probe, { concurrency: options.concurrency, requests: half })).errors;
    await settle();
    readings.push(residentMemory(pid));
  }
  const [rssAtHalf, rssAtFull] = readings as [number, number];
  const growth = rssAtFull - rssAtHalf;
  return { half, rssAtHalf, rssAtFull, noGrowth: growth <= Math.max(0.05 * rssAtHalf, 10 * 2 ** 20), errors };
}
