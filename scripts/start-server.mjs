// The app's HTTP server: `npm start` (production) and `npm run dev` (--dev).
// Next.js cannot tell a route handler the TCP peer address of a request, and
// the X-Forwarded-For it passes on may come from the client itself. So each
// request is handled inside an AsyncLocalStorage that holds the socket's
// peer address; lib/access/client-ip.ts reads it (and believes
// X-Forwarded-For only for TRUSTED_PROXY_HOPS proxies). Plain JavaScript, so
// production needs no TypeScript runner. See docs/decisions/005.
import { AsyncLocalStorage } from "node:async_hooks";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string" },
    hostname: { type: "string" },
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

const server = createServer((req, res) => {
  peers.run({ peerAddress: req.socket.remoteAddress }, () => {
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
