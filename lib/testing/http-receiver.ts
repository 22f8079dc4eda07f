import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the receiver saw it. */
export interface ReceivedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The path with the query string, as sent. */
  url: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body as received, byte for byte (signatures are checked on this). */
  rawBody: Buffer;
  /** `rawBody` as UTF-8. */
  body: string;
  receivedAt: Date;
}

/** What to answer. Defaults: 200, no extra headers, an empty body, at once. */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A string as is; anything else as JSON (with Content-Type: application/json unless set). */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Accept the request and never answer (a receiver that hangs; stop() closes the socket). */
  hang?: boolean;
}

export type Responder = ScriptedResponse | ((request: ReceivedRequest) => ScriptedResponse);

export interface RespondOptions {
  /** Only for this path (without query); otherwise for every path without a script of its own. */
  path?: string;
  /** Answer only this many requests, then fall back to the next script. Default: every request. */
  times?: number;
}

export interface HttpReceiver {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  port: number;
  /** The receiver's URL for a path ("/hooks/a" → http://127.0.0.1:41234/hooks/a). */
  url: (path?: string) => string;
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  /** Scripts the answers; the latest script for a path wins, limited ones (`times`) before unlimited. */
  respondWith: (response: Responder, options?: RespondOptions) => void;
  /** Resolves with the first request (already received or still to come) that matches. */
  waitFor: (predicate?: (request: ReceivedRequest) => boolean, timeoutMs?: number) => Promise<ReceivedRequest>;
  /** Forgets the requests and the scripts. */
  reset: () => void;
  /** Closes the server and every connection, hanging ones included. Idempotent. */
  stop: () => Promise<void>;
}

interface Script {
  responder: Responder;
  path: string | null;
  remaining: number;
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function pickScript(scripts: Script[], path: string): Script | undefined {
  const usable = scripts.filter((s) => s.remaining > 0);
  const latest = (candidates: Script[]) =>
    candidates.findLast((s) => Number.isFinite(s.remaining)) ?? candidates.findLast(() => true);
  return latest(usable.filter((s) => s.path === path)) ?? latest(usable.filter((s) => s.path === null));
}

function answer(response: ServerResponse, scripted: ScriptedResponse): void {
  const headers = { ...scripted.headers };
  let body = "";
  if (typeof scripted.body === "string") body = scripted.body;
  else if (scripted.body !== undefined) {
    body = JSON.stringify(scripted.body);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) {
      headers["content-type"] = "application/json";
    }
  }
  response.writeHead(scripted.status ?? 200, headers);
  response.end(body);
}

/**
 * A real HTTP server on 127.0.0.1 (a random port) standing in for an integration's receiver in
 * tests: Slack, PagerDuty, a customer's webhook endpoint. It records every request and answers as
 * scripted, so a test sees exactly what went over the wire and controls what comes back.
 */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  let scripts: Script[] = [];
  const waiters = new Set<{
    predicate: (request: ReceivedRequest) => boolean;
    resolve: (r: ReceivedRequest) => void;
  }>();

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const rawBody = Buffer.concat(chunks);
      const url = request.url ?? "/";
      const received: ReceivedRequest = {
        method: request.method ?? "GET",
        path: url.split("?")[0]!,
        url,
        headers: headersOf(request),
        rawBody,
        body: rawBody.toString("utf8"),
        receivedAt: new Date(),
      };
      requests.push(received);
      for (const waiter of waiters) {
        if (waiter.predicate(received)) {
          waiters.delete(waiter);
          waiter.resolve(received);
        }
      }
      const script = pickScript(scripts, received.path);
      if (script) script.remaining -= 1;
      const scripted = typeof script?.responder === "function" ? script.responder(received) : (script?.responder ?? {});
      if (scripted.hang) return;
      if (scripted.delayMs) setTimeout(() => answer(response, scripted), scripted.delayMs);
      else answer(response, scripted);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;

  return {
    origin,
    port,
    url: (path = "/") => `${origin}${path.startsWith("/") ? path : `/${path}`}`,
    requests,
    respondWith: (responder, options = {}) => {
      scripts.push({ responder, path: options.path ?? null, remaining: options.times ?? Infinity });
    },
    waitFor: (predicate = () => true, timeoutMs = 5_000) => {
      const already = requests.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (request: ReceivedRequest) => {
            clearTimeout(timer);
            resolve(request);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = requests.map((r) => `${r.method} ${r.path}`).join(", ") || "nothing";
          reject(new Error(`No matching request within ${timeoutMs} ms (received: ${seen})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    reset: () => {
      requests.length = 0;
      scripts = [];
    },
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
