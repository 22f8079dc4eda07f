import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { childProcessEnv } from "../../lib/env";
import type { Probe } from "./load";
import { startServer, type ServerProcess } from "./server-process";

/** The floor app (scripts/bench/floor): a bare Next.js app on our Next.js, the baseline our pages are divided by. */
export const FLOOR_DIR = "scripts/bench/floor";
const NEXT_BIN = "node_modules/next/dist/bin/next";

/** The 50th row of the floor's table, in its page and its JSON. */
const FLOOR_MARKER = "member-49@floor.example";

export const floorPage = (base: string): Probe => ({ request: () => fetch(`${base}/`), marker: FLOOR_MARKER });
export const floorRoute = (base: string): Probe => ({
  request: () => fetch(`${base}/api/members`),
  marker: FLOOR_MARKER,
});

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    if (entry.name === ".next" || entry.name === "node_modules") return latest;
    const full = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }, 0);
}

/** Builds the floor app with `next build` unless its build is newer than its sources and the lockfile. */
export function buildFloor(log: (message: string) => void): void {
  const buildId = path.join(FLOOR_DIR, ".next/BUILD_ID");
  if (
    existsSync(buildId) &&
    statSync(buildId).mtimeMs > Math.max(newestSource(FLOOR_DIR), statSync("package-lock.json").mtimeMs)
  ) {
    return;
  }
  log("• Building the floor app (scripts/bench/floor)");
  const build = spawnSync(process.execPath, [NEXT_BIN, "build", FLOOR_DIR], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    env: childProcessEnv({ NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }),
  });
  if (build.status !== 0) throw new Error(`next build of the floor app failed:\n${build.stdout}`);
}

/** `next start` of the floor app; resolves once its page answers (its cold start). */
export function startFloor(port: number): Promise<ServerProcess> {
  return startServer({
    args: [NEXT_BIN, "start", FLOOR_DIR, "--hostname", "127.0.0.1", "--port", String(port)],
    env: childProcessEnv({ NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }),
    port,
    probe: floorPage,
  });
}
