import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import type { OutgoingRequest } from "../delivery/send-outcome";
import { firstRefusedAddress, refusedAddressMessage } from "./address-policy";
import { poolFor } from "./connection-pool";
import { networkErrorCode, networkErrorMessage } from "./network-error-message";
import type { Resolver } from "./resolver";
import { MAX_RESPONSE_BYTES, utf8Excerpt } from "./response-body";
import { hostOf } from "./url-host";

export { parseRetryAfter } from "./retry-after";

export const USER_AGENT = "AgentObservability-Webhooks/1.0";
export const DEFAULT_TIMEOUT_MS = 10_000;

export type HttpResult =
  | { ok: true; status: number; headers: Record<string, string>; bodyExcerpt: string; latencyMs: number }
  | { ok: false; reason: "timeout" | "refused-address" | "network"; message: string; latencyMs: number };

/** An answer the receiver gave (any status). */
export type HttpResponse = Extract<HttpResult, { ok: true }>;

export interface SendHttpOptions {
  /** The whole exchange, connecting to the last byte read. Default 10 s. */
  timeoutMs?: number;
  /** Development and tests only (docs/integrations.md, "Outgoing network rules"). */
  allowPrivateNetworks: boolean;
  resolve?: Resolver;
}

function flatHeaders(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function withTransportHeaders(request: OutgoingRequest): Record<string, string> {
  const headers = { ...request.headers };
  const has = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
  if (!has("user-agent")) headers["User-Agent"] = USER_AGENT;
  if (request.body !== null) headers["Content-Length"] = String(Buffer.byteLength(request.body));
  return headers;
}

/**
 * One HTTP exchange with an integration's receiver, under the outgoing network rules: the address
 * policy at connect time (guarded lookup, and here for IP literals, which Node connects to without a
 * lookup), no redirects followed (a 3xx is an answer like any other), at most 64 KB read, one deadline
 * for the whole exchange. Never throws; failures come back as `ok: false` with a message that names
 * the host only (a URL's path and query may carry a token; header values are secrets).
 */
export function sendHttp(request: OutgoingRequest, options: SendHttpOptions): Promise<HttpResult> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.resolve({ ok: false, reason: "network", message: "The destination URL is not valid", latencyMs: 0 });
  }
  const host = hostOf(url);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    const message = "Only https:// and http:// destinations are allowed";
    return Promise.resolve({ ok: false, reason: "refused-address", message, latencyMs: 0 });
  }
  const literal = isIP(host) && !options.allowPrivateNetworks ? firstRefusedAddress([host]) : null;
  if (literal) {
    const message = refusedAddressMessage(host, literal);
    return Promise.resolve({ ok: false, reason: "refused-address", message, latencyMs: 0 });
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pool = poolFor(url.protocol, options.allowPrivateNetworks, options.resolve);
  return new Promise<HttpResult>((resolve) => {
    let settled = false;
    /** `complete`: the response was read to its end, so its socket may serve the next request. */
    const finish = (result: HttpResult, complete = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!complete) outgoing?.destroy();
      pool.release();
      resolve(result);
    };
    const fail = (error: unknown) =>
      finish(
        networkErrorCode(error) === "EREFUSEDADDRESS"
          ? { ok: false, reason: "refused-address", message: (error as Error).message, latencyMs: latencyMs() }
          : { ok: false, reason: "network", message: networkErrorMessage(error, host), latencyMs: latencyMs() },
      );
    const timer = setTimeout(() => {
      const message = `No answer from ${host} within ${timeoutMs / 1000} s`;
      finish({ ok: false, reason: "timeout", message, latencyMs: latencyMs() });
    }, timeoutMs);

    let outgoing: ReturnType<typeof httpRequest> | undefined;
    try {
      outgoing = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
        method: request.method,
        headers: withTransportHeaders(request),
        agent: pool.agent,
      });
    } catch (error) {
      // Header names and values HTTP does not allow are refused here, before connecting.
      fail(error);
      return;
    }
    outgoing.on("error", fail);
    outgoing.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (complete = false) =>
        finish(
          {
            ok: true,
            status: response.statusCode ?? 0,
            headers: flatHeaders(response),
            bodyExcerpt: utf8Excerpt(Buffer.concat(chunks)),
            latencyMs: latencyMs(),
          },
          complete,
        );
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_RESPONSE_BYTES) done();
      });
      response.on("end", () => done(true));
      // A receiver that closes mid-body has still answered with its status.
      response.on("close", () => done());
      response.on("error", () => {});
    });
    outgoing.end(request.body ?? undefined);
  });
}
