// The app's HTTP server: `npm start` (production) and `npm run dev` (--dev).
// Next.js cannot tell a route handler the TCP peer address of a request, and
// the X-Forwarded-For it passes on may come from the client itself. So each
// request is handled inside an AsyncLocalStorage that holds the socket's
// peer address; lib/access/client-ip.ts reads it (and believes
// X-Forwarded-For only for TRUSTED_PROXY_HOPS proxies). Plain JavaScript, so
// production needs no TypeScript runner. See docs/decisions/005.
//
// --count-statements (tests and `npm run bench`): the same store counts the SQL
// statements each request sends (lib/db/statement-counter.ts), and
// GET /__statements/<x-request-id> answers {statements, method, path} for the
// last 1,000 requests, to loopback clients only. See docs/benchmarks.md.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { hostname as machineName } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string" },
    hostname: { type: "string" },
    "count-statements": { type: "boolean", default: false },
  },
});
// eslint-disable-next-line no-restricted-properties -- the server starts before lib/env.ts can be loaded
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? "0.0.0.0";

const REQUEST_ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;
const PEER_STORE = Symbol.for("settings-platform.peer-address");
// Shared with the app (lib/lifecycle.ts): whether we are shutting down, and what to close then.
const LIFECYCLE = Symbol.for("settings-platform.lifecycle");
globalThis[LIFECYCLE] ??= { draining: false, hooks: new Set() };
const lifecycle = globalThis[LIFECYCLE];

// eslint-disable-next-line no-restricted-properties -- the server starts before lib/env.ts can be loaded
const environment = process.env;
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const minimumLevel = LEVELS[environment.LOG_LEVEL ?? "info"] ?? 30;
const host = machineName();
/** One JSON line in pino's shape (lib/logger.ts), so the server's lines and the app's read alike. */
function log(level, msg, fields = {}) {
  if (LEVELS[level] < minimumLevel) return;
  process.stdout.write(
    `${JSON.stringify({ level: LEVELS[level], time: Date.now(), pid: process.pid, hostname: host, ...fields, msg })}\n`,
  );
}
function seconds(name, fallback) {
  const value = Number(environment[name] ?? fallback);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The request line, with nothing secret: no query string, and invitation tokens replaced. */
function logRequest(req, res, requestId, ms) {
  const url = req.url ?? "/";
  if (url.startsWith("/_next/static/") || url.startsWith("/__statements/")) return;
  const pathname = url.split("?")[0].replace(/^\/invitations\/[^/]+/, "/invitations/[token]");
  log(res.statusCode >= 500 ? "error" : "info", "request", {
    requestId,
    method: req.method,
    path: pathname,
    status: res.statusCode,
    ms: Math.round(ms * 10) / 10,
    completed: res.writableFinished,
  });
}
globalThis[PEER_STORE] ??= new AsyncLocalStorage();
const peers = globalThis[PEER_STORE];

// The standalone build (`node .next/standalone/server.js`, docs/operations.md) is this file copied
// next to a traced copy of the app: there it runs from its own folder with the config Next.js
// compiled into required-server-files.json, as Next's own standalone server does.
const here = path.dirname(fileURLToPath(import.meta.url));
const standalone = !existsSync(path.join(here, "..", "next.config.mjs")) && existsSync(path.join(here, ".next"));
let conf;
if (standalone) {
  process.chdir(here);
  conf = JSON.parse(readFileSync(path.join(here, ".next", "required-server-files.json"), "utf8")).config;
  environment.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);
}
const app = next({
  dev: values.dev,
  hostname,
  port,
  turbopack: values.dev || undefined,
  ...(standalone ? { dir: here, conf } : {}),
});
const handle = app.getRequestHandler();
await app.prepare();

const countStatements = values["count-statements"];
/** x-request-id → what that request sent, oldest first (a Map keeps insertion order). */
const statementCounts = new Map();
const isLoopback = (address) => address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";

function answerStatementCount(req, res) {
  const requestId = decodeURIComponent(req.url.slice("/__statements/".length));
  const found = isLoopback(req.socket.remoteAddress) ? statementCounts.get(requestId) : undefined;
  res.writeHead(found ? 200 : 404, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(found ?? { error: "unknown request id" }));
}

function recordStatementCount(req, res, store) {
  res.on("finish", () => {
    const requestId = res.getHeader("x-request-id");
    if (typeof requestId !== "string") return;
    statementCounts.set(requestId, { statements: store.statements, method: req.method, path: req.url });
    if (statementCounts.size > 1000) statementCounts.delete(statementCounts.keys().next().value);
  });
}

let inFlight = 0;
const server = createServer((req, res) => {
  if (countStatements && req.url?.startsWith("/__statements/")) return answerStatementCount(req, res);
  // One id per request: the caller's when well-formed (lib/request-id.ts), in the header Next.js and
  // proxy.ts see, on the response, and on every log line written while handling it.
  const incoming = req.headers["x-request-id"];
  const requestId = typeof incoming === "string" && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  req.headers["x-request-id"] = requestId;
  res.setHeader("x-request-id", requestId);
  // While shutting down, keep-alive clients are told to reconnect elsewhere.
  if (lifecycle.draining) res.setHeader("connection", "close");
  const store = { peerAddress: req.socket.remoteAddress, requestId, ...(countStatements ? { statements: 0 } : {}) };
  if (countStatements) recordStatementCount(req, res, store);
  inFlight += 1;
  const started = performance.now();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    inFlight -= 1;
    logRequest(req, res, requestId, performance.now() - started);
  };
  res.on("finish", finish);
  res.on("close", finish);
  peers.run(store, () => {
    handle(req, res).catch((error) => {
      log("error", "request failed", { requestId, err: String(error?.message ?? error) });
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
    });
  });
});
const upgrade = app.getUpgradeHandler();
server.on("upgrade", (req, socket, head) => {
  peers.run({ peerAddress: req.socket.remoteAddress }, () => void upgrade(req, socket, head));
});
server.listen(port, hostname, () => {
  console.log(`> Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});

// Graceful shutdown (docs/operations.md, "Shutdown"): on SIGTERM /api/ready answers 503 at once
// (lib/lifecycle.ts), requests keep being served for SHUTDOWN_DRAIN_SECONDS while the load balancer
// takes the instance out, then the listener closes, requests in flight finish (bounded by
// SHUTDOWN_TIMEOUT_SECONDS), the app's pools close, and the process exits 0.
const drainSeconds = seconds("SHUTDOWN_DRAIN_SECONDS", 0);
const timeoutSeconds = seconds("SHUTDOWN_TIMEOUT_SECONDS", 25);

async function shutdown(signal) {
  if (lifecycle.draining) return;
  lifecycle.draining = true;
  log("info", "shutting down", { signal, inFlight, drainSeconds, timeoutSeconds });
  if (drainSeconds > 0) await sleep(drainSeconds * 1000);
  // Closes the listener and idle keep-alive connections; requests in flight go on.
  server.close();
  log("info", "stopped taking requests", { inFlight });
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (inFlight > 0 && Date.now() < deadline) await sleep(25);
  const unfinished = inFlight;
  if (unfinished > 0) server.closeAllConnections();
  for (const hook of lifecycle.hooks) {
    await hook().catch((error) => log("error", "shutdown step failed", { err: String(error?.message ?? error) }));
  }
  await app.close?.().catch(() => undefined);
  log(unfinished ? "error" : "info", "stopped", { unfinished });
  process.exit(unfinished ? 1 : 0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
