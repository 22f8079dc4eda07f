import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkFormBody, checkKey, readBody } from "./api-request";
import { handleControl } from "./controls";
import { expandPaths } from "./expand";
import { parseFormBody } from "./form-body";
import { newId } from "./ids";
import { Params } from "./params";
import { findRoute } from "./router";
import { API_VERSION, FakeStripeState } from "./state";
import { StripeApiError } from "./stripe-error";

export interface FakeStripeOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: a random `sk_test_…`. */
  secretKey?: string;
  /** Default: a random `whsec_…`. */
  webhookSecret?: string;
}

export interface FakeStripe {
  /** The base URL, e.g. http://127.0.0.1:41234 (STRIPE_API_BASE). */
  url: string;
  secretKey: string;
  webhookSecret: string;
  /** The fake's memory (in-process tests may look; other processes use the /_fake/ controls). */
  state: FakeStripeState;
  stop: () => Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown, replayed = false): void {
  response.writeHead(status, {
    "content-type": "application/json",
    "request-id": newId("req_"),
    "stripe-version": API_VERSION,
    ...(replayed ? { "idempotent-replayed": "true" } : {}),
  });
  response.end(JSON.stringify(body));
}

async function handleApi(
  state: FakeStripeState,
  secretKey: string,
  baseUrl: string,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const method = request.method ?? "GET";
  const body = await readBody(request);
  checkKey(request, secretKey);
  const found = findRoute(method, url.pathname);
  if (!found) {
    throw new StripeApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${url.pathname}).`);
  }
  if (method === "POST") checkFormBody(request, body);
  const raw = parseFormBody(method === "POST" ? body : url.search.slice(1));
  const params = new Params(raw);

  const idempotencyKey = method === "POST" ? request.headers["idempotency-key"] : undefined;
  const fingerprint = `${method} ${url.pathname}\n${body}`;
  if (typeof idempotencyKey === "string") {
    const stored = state.idempotency.get(idempotencyKey);
    if (stored && stored.fingerprint !== fingerprint) {
      throw new StripeApiError(
        400,
        "idempotency_error",
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
      );
    }
    if (stored) return send(response, stored.status, stored.body, true);
  }

  let status = 200;
  let answer: unknown;
  try {
    const result = found.route.handle({ state, params, path: found.path, baseUrl });
    answer = expandPaths(result, params.strings("expand"), state);
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    status = error.status;
    answer = error.body();
  }
  // Stripe keeps the outcome of a keyed request, errors included (but not its own 500s).
  if (typeof idempotencyKey === "string") state.idempotency.set(idempotencyKey, { fingerprint, status, body: answer });
  send(response, status, answer);
}

/**
 * A Stripe-compatible API server on loopback for tests (docs/decisions/012-stripe-prices-overage-and-test-server.md).
 * The real `stripe` SDK talks to it through `createStripeClient(secretKey, new URL(url))`.
 */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const state = new FakeStripeState();
  const secretKey = options.secretKey ?? `sk_test_fake${randomBytes(16).toString("hex")}`;
  const webhookSecret = options.webhookSecret ?? `whsec_fake${randomBytes(16).toString("hex")}`;
  const host = options.host ?? "127.0.0.1";
  let baseUrl = "";
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", baseUrl);
    const work = url.pathname.startsWith("/_fake/")
      ? handleControl(state, request, response, url)
      : handleApi(state, secretKey, baseUrl, request, response, url);
    work.catch((error: unknown) => {
      if (response.headersSent) return void response.end();
      if (error instanceof StripeApiError) return send(response, error.status, error.body());
      send(response, 500, { error: { type: "api_error", message: `Fake Stripe failed: ${String(error)}` } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: baseUrl,
    secretKey,
    webhookSecret,
    state,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
