// Runs after `next build` (`npm run build`): completes the standalone build in .next/standalone so
// that `node .next/standalone/server.js` serves the app on its own (docs/operations.md, "Deploying").
// Next.js copies the traced server files; the browser assets (.next/static, public/) and our own
// server (scripts/start-server.mjs, which knows each connection's peer address and request id, and
// shuts down gracefully) are ours to add. Plain JavaScript: the build machine needs no TypeScript runner.
import { cpSync, existsSync, rmSync } from "node:fs";

const target = ".next/standalone";
if (!existsSync(target)) {
  console.error('No .next/standalone: next.config.mjs must say output: "standalone".');
  process.exit(1);
}
rmSync(`${target}/.next/static`, { recursive: true, force: true });
cpSync(".next/static", `${target}/.next/static`, { recursive: true });
if (existsSync("public")) cpSync("public", `${target}/public`, { recursive: true });
cpSync("scripts/start-server.mjs", `${target}/server.js`);
console.log(`Standalone build ready: node ${target}/server.js`);
