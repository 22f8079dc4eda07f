import { warmUp, type Probe } from "./load";
import { median } from "./stats";

export interface RequestCost {
  /** SQL statements the server sent for the request (median of the samples); null where nothing counts them. */
  statements: number | null;
  /** Body length, uncompressed (median of the samples). */
  bytes: number;
}

/**
 * What our server counted for one request: `GET /__statements/<x-request-id>`
 * (scripts/start-server.mjs --count-statements). The count is stored when the
 * response finishes, so it may lag the body by a moment.
 */
async function statementsOf(base: string, response: Response): Promise<number> {
  const requestId = response.headers.get("x-request-id");
  if (!requestId) throw new Error(`No x-request-id on ${response.url}`);
  for (let attempt = 0; attempt < 50; attempt++) {
    const answer = await fetch(`${base}/__statements/${encodeURIComponent(requestId)}`);
    if (answer.ok) return ((await answer.json()) as { statements: number }).statements;
    await answer.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Our server counted no statements for request ${requestId} (${response.url})`);
}

/**
 * A few single requests (no other load), after a warm-up: the statements each
 * sends (when `statementsBase` is our counting server) and its body size.
 */
export async function measureRequest(
  probe: Probe,
  options: { statementsBase?: string; samples?: number; warmupRequests?: number },
): Promise<RequestCost> {
  await warmUp(probe, options.warmupRequests ?? 10);
  const statements: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < (options.samples ?? 3); i++) {
    const response = await probe.request();
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200 || !body.includes(probe.marker)) {
      throw new Error(`${response.url} answered ${response.status} without "${probe.marker}"`);
    }
    bytes.push(body.length);
    if (options.statementsBase) statements.push(await statementsOf(options.statementsBase, response));
  }
  return { statements: statements.length ? median(statements) : null, bytes: median(bytes) };
}
