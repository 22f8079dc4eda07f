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
import { createServer } from "node:http";
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

const PEER_STORE = Symbol.for("settings-platform.peer-address");
globalThis[PEER_STORE] ??= new AsyncLocalStorage();
const peers = globalThis[PEER_STORE];

const app = next({ dev: values.dev, hostname, port, turbopack: values.dev || undefined });
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

const server = createServer((req, res) => {
  if (countStatements && req.url?.startsWith("/__statements/")) return answerStatementCount(req, res);
  const store = countStatements
    ? { peerAddress: req.socket.remoteAddress, statements: 0 }
    : { peerAddress: req.socket.remoteAddress };
  if (countStatements) recordStatementCount(req, res, store);
  peers.run(store, () => {
    handle(req, res).catch((error) => {
      console.error(JSON.stringify({ level: "error", msg: "request failed", err: String(error?.message ?? error) }));
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

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => void app.close().finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
